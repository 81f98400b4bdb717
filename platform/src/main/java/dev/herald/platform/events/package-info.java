/**
 * Fan-out of small events between the nodes of one database, for work that must react at once to
 * a change another node committed: {@link dev.herald.platform.events.EventBus} (PostgreSQL
 * {@code LISTEN/NOTIFY}, or in-process on SQLite; delivered only after the publishing transaction
 * commits; a bounded queue per subscriber) and {@link dev.herald.platform.events.EventStreams},
 * which turns a channel and a database-backed backlog into a server-sent event stream with
 * {@code Last-Event-ID} resume, heartbeats and a write timeout for slow clients.
 */
package dev.herald.platform.events;
