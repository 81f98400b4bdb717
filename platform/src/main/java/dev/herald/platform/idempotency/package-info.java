/**
 * The one idempotency mechanism ({@link dev.herald.platform.idempotency.IdempotentWrites}): a keyed
 * write runs once; a retry with the same {@link dev.herald.platform.idempotency.Fingerprint} gets
 * the first {@link dev.herald.platform.idempotency.Answer} byte for byte; a different request under
 * the key is a conflict. Each family of keys keeps its answers through an
 * {@link dev.herald.platform.idempotency.AnswerStore}. Free of HTTP, so services call it directly.
 */
package dev.herald.platform.idempotency;
