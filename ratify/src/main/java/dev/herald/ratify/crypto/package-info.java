/**
 * Signature primitives offered as API beside the protocol, for callers that verify signatures
 * outside a delegation chain (for example a voice sidecar's signed atoms):
 * {@link dev.herald.ratify.crypto.Ed25519s} (RFC 8032 Ed25519 sign and verify),
 * {@link dev.herald.ratify.crypto.Ed25519Batch} (batch verification of Ed25519 signatures) and
 * {@link dev.herald.ratify.crypto.MlDsa} (FIPS 204 ML-DSA-65, pure mode, empty context). The other
 * classes of this package are package-private implementation (edwards25519 point arithmetic over
 * BouncyCastle's field code, scalar recoding, multi-scalar multiplication).
 */
package dev.herald.ratify.crypto;
