/**
 * Leads, the CRM's value records: {@link dev.herald.voice.core.lead.Lead}, strict E.164 phone numbers
 * ({@link dev.herald.voice.core.lead.PhoneNumbers}) and the bulk importer for CSV (RFC 4180) and JSON
 * arrays ({@link dev.herald.voice.core.lead.LeadImporter}) that reports row-level errors and keeps the
 * good rows. Pure: no I/O; the importer takes the request body and returns a value.
 */
package dev.herald.voice.core.lead;
