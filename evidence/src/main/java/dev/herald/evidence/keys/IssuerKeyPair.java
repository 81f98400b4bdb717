package dev.herald.evidence.keys;

import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import java.security.PrivateKey;

/**
 * An Ed25519 issuer signing key. The private half is a 32-byte seed; {@link #toString} never
 * prints it. Instances are immutable and thread-safe.
 */
public final class IssuerKeyPair {
    private final byte[] seed;
    private final Ed25519PrivateKeyParameters privateKey;
    private final IssuerPublicKey publicKey;
    private final PrivateKey jdkKey;

    private IssuerKeyPair(byte[] seed) {
        this.seed = seed.clone();
        this.privateKey = new Ed25519PrivateKeyParameters(this.seed, 0);
        this.publicKey = new IssuerPublicKey(privateKey.generatePublicKey().getEncoded());
        this.jdkKey = JdkEd25519.privateKey(this.seed);
    }

    public static IssuerKeyPair generate(SecureRandom random) {
        byte[] seed = new byte[Ed25519PrivateKeyParameters.KEY_SIZE];
        random.nextBytes(seed);
        return new IssuerKeyPair(seed);
    }

    /** Restores a key from its 32-byte seed (as stored by the server). */
    public static IssuerKeyPair fromSeed(byte[] seed) {
        if (seed == null || seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
        }
        return new IssuerKeyPair(seed);
    }

    /** Restores a key from base64 of its seed. */
    public static IssuerKeyPair fromBase64Seed(String base64) {
        return fromSeed(Base64.getDecoder().decode(base64));
    }

    public byte[] seed() {
        return seed.clone();
    }

    public String seedBase64() {
        return Base64.getEncoder().encodeToString(seed);
    }

    public IssuerPublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return publicKey.keyId();
    }

    /** 64-byte Ed25519 signature (deterministic, RFC 8032). */
    public byte[] sign(byte[] message) {
        return JdkEd25519.sign(jdkKey, message);
    }

    @Override
    public String toString() {
        return "IssuerKeyPair[" + keyId() + ", private=<redacted>]";
    }
}
