/**
 * Signature primitives offered as API beside the protocol: {@link
 * dev.herald.ratify.crypto.Ed25519Batch}, batch verification of Ed25519 signatures. The other
 * classes of this package are package-private implementation (edwards25519 point arithmetic over
 * BouncyCastle's field code, scalar recoding, multi-scalar multiplication).
 */
package dev.herald.ratify.crypto;
