package dev.herald.evidence.keys;

import dev.herald.evidence.EvidenceException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/**
 * Ed25519 through the JDK provider (SunEC, JDK 15+). Artifacts are signed as one multi-megabyte
 * message and Ed25519 hashes it with SHA-512 twice when signing; the JDK's intrinsified SHA-512
 * makes that about twice as fast as BouncyCastle's pure-Java digest. Raw 32-byte keys are
 * converted here; the RFC 8032 encoding is little-endian y with x's parity in the top bit.
 */
final class JdkEd25519 {
    private static final String ALGORITHM = "Ed25519";

    private JdkEd25519() {}

    static PrivateKey privateKey(byte[] seed) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException e) {
            throw new EvidenceException("JDK Ed25519 support is missing", e);
        }
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new EvidenceException("Ed25519 signing failed", e);
        }
    }

    /** False for any malformed key or signature as well as for a wrong one. */
    static boolean verify(byte[] rawPublicKey, byte[] message, byte[] signature) {
        try {
            byte[] bigEndian = new byte[32];
            for (int i = 0; i < 32; i++) {
                bigEndian[i] = rawPublicKey[31 - i];
            }
            boolean xOdd = (bigEndian[0] & 0x80) != 0;
            bigEndian[0] &= 0x7F;
            PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(
                    new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, bigEndian))));
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
