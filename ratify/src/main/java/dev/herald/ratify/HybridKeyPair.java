package dev.herald.ratify;

import dev.herald.ratify.crypto.Ed25519s;
import dev.herald.ratify.crypto.MlDsa;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.pqc.crypto.mldsa.MLDSAPrivateKeyParameters;

/**
 * A hybrid private key held as its two 32-byte seeds (SPEC 8.4), with the derived public key.
 * Thread-safe and immutable. {@link #toString()} never prints secret material.
 */
public final class HybridKeyPair {
    private final Bytes ed25519Seed;
    private final Bytes mlDsa65Seed;
    private final HybridPublicKey publicKey;
    private final String id;
    private final MLDSAPrivateKeyParameters mlPrivate;

    private HybridKeyPair(byte[] edSeed, byte[] mlSeed) {
        this.ed25519Seed = Bytes.of(edSeed);
        this.mlDsa65Seed = Bytes.of(mlSeed);
        this.mlPrivate = MlDsa.privateFromSeed(mlSeed);
        this.publicKey = new HybridPublicKey(
                Bytes.wrap(Ed25519s.publicKey(edSeed)), Bytes.wrap(MlDsa.publicKey(mlPrivate)));
        this.id = Identifiers.deriveId(publicKey);
    }

    /** Deterministic key pair from two independent 32-byte seeds (as the fixtures use). */
    public static HybridKeyPair fromSeeds(Bytes ed25519Seed, Bytes mlDsa65Seed) {
        if (ed25519Seed.length() != 32 || mlDsa65Seed.length() != 32) {
            throw new IllegalArgumentException("both seeds must be 32 bytes");
        }
        return new HybridKeyPair(ed25519Seed.toArray(), mlDsa65Seed.toArray());
    }

    /** Fresh key pair with both seeds drawn from {@code random}. */
    public static HybridKeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] ed = new byte[32];
        byte[] ml = new byte[32];
        random.nextBytes(ed);
        random.nextBytes(ml);
        return new HybridKeyPair(ed, ml);
    }

    public HybridPublicKey publicKey() {
        return publicKey;
    }

    /** The derived identifier of SPEC 7. */
    public String id() {
        return id;
    }

    public Bytes ed25519Seed() {
        return ed25519Seed;
    }

    public Bytes mlDsa65Seed() {
        return mlDsa65Seed;
    }

    /**
     * Signs {@code message} with both components. ML-DSA-65 signing is hedged with {@code random}
     * (SPEC 8.3 allows hedged or deterministic); pass null for deterministic signing.
     */
    public HybridSignature sign(byte[] message, SecureRandom random) {
        byte[] ed = Ed25519s.sign(ed25519Seed.unsafeArray(), message);
        byte[] ml = MlDsa.sign(mlPrivate, message, random);
        return new HybridSignature(Bytes.wrap(ed), Bytes.wrap(ml));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HybridKeyPair k && k.ed25519Seed.equals(ed25519Seed)
                && k.mlDsa65Seed.equals(mlDsa65Seed);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "HybridKeyPair[id=" + id + ", seeds=<redacted>]";
    }
}
