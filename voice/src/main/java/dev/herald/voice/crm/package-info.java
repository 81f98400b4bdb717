/**
 * Leads, Herald's own CRM ({@code /api/v1/crm/leads}): one lead per E.164 number per workspace,
 * the single-lead API, bulk import from CSV or JSON through {@code core.lead.LeadImporter}, and the
 * verdict history each call writes back, with the governed session and attestation chain head
 * that prove what was said. {@link dev.herald.voice.crm.LeadService} is what other voice packages
 * call; {@link dev.herald.voice.crm.CrmConnector} is the seam for external CRMs.
 */
package dev.herald.voice.crm;
