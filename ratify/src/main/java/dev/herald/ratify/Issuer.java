package dev.herald.ratify;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Issuer-side helpers: key generation, delegation certs, challenges, proof bundles, streamed
 * turns and the other signed documents. Time and randomness come only from the injected
 * {@link Clock} and {@link SecureRandom}. Thread-safe if the injected random is.
 */
public final class Issuer {
    private final Clock clock;
    private final SecureRandom random;

    public Issuer(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Convenience for applications: the system UTC clock and a new {@link SecureRandom}. */
    public static Issuer withSystemClockAndRandom() {
        return new Issuer(Clock.systemUTC(), new SecureRandom());
    }

    public long now() {
        return Math.floorDiv(clock.millis(), 1000L);
    }

    public HybridKeyPair generateKeyPair() {
        return HybridKeyPair.generate(random);
    }

    public HumanRoot humanRoot(HybridKeyPair key) {
        return new HumanRoot(key.id(), key.publicKey(), now(), List.of());
    }

    public AgentIdentity agent(HybridKeyPair key, String name, String agentType) {
        return new AgentIdentity(key.id(), key.publicKey(), name, agentType, now());
    }

    /** A random RFC 4122 version-4 UUID drawn from the injected random. */
    public String newCertId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(hi, lo).toString();
    }

    /**
     * Issues a cert from {@code issuer} to {@code subject}, valid from now for {@code ttl}
     * ({@code null} ttl means "until revoked", the no-expiry sentinel).
     */
    public DelegationCert delegate(HybridKeyPair issuer, HybridPublicKey subject, List<String> scope,
            List<Constraint> constraints, Duration ttl) {
        long issuedAt = now();
        long expiresAt = ttl == null ? Ratify.NO_EXPIRY_SENTINEL : issuedAt + ttl.toSeconds();
        return sign(unsignedCert(newCertId(), issuer.publicKey(), subject, scope, constraints,
                issuedAt, expiresAt), issuer);
    }

    /** A cert with an empty signature, ready for {@link #sign(DelegationCert, HybridKeyPair)}. */
    public static DelegationCert unsignedCert(String certId, HybridPublicKey issuerKey,
            HybridPublicKey subject, List<String> scope, List<Constraint> constraints, long issuedAt,
            long expiresAt) {
        return new DelegationCert(certId, Ratify.PROTOCOL_VERSION, Identifiers.deriveId(issuerKey),
                issuerKey, Identifiers.deriveId(subject), subject, scope,
                constraints == null ? List.of() : constraints, issuedAt, expiresAt,
                new HybridSignature(Bytes.empty(), Bytes.empty()));
    }

    /**
     * Signs {@code cert} with {@code issuer}, enforcing the issuance rules: known vocabulary, input
     * bounds, jointly satisfiable resource constraints, issuer key equal to the cert's issuer key.
     */
    public DelegationCert sign(DelegationCert cert, HybridKeyPair issuer) {
        if (!cert.issuerPubKey().equals(issuer.publicKey()) || !cert.issuerId().equals(issuer.id())) {
            throw new RatifyException("cert issuer does not match the signing key");
        }
        if (cert.scope().isEmpty()) {
            throw new RatifyException("a delegation must grant at least one scope");
        }
        if (cert.scope().size() > Ratify.MAX_SCOPES_PER_CERT
                || cert.constraints().size() > Ratify.MAX_CONSTRAINTS_PER_CERT) {
            throw new RatifyException("cert exceeds MAX_SCOPES_PER_CERT or MAX_CONSTRAINTS_PER_CERT");
        }
        Scopes.validate(cert.scope());
        for (Constraint c : cert.constraints()) {
            if (c instanceof Constraint.ResourcePath rp && rp.pathPrefix() != null
                    && rp.pathPrefix().isEmpty()) {
                throw new RatifyException("path_prefix must not be empty; omit it for the whole resource");
            }
        }
        ResourcePaths.validateForIssuance(cert.constraints());
        if (cert.expiresAt() < cert.issuedAt()) {
            throw new RatifyException("expires_at precedes issued_at");
        }
        HybridSignature sig = issuer.sign(SignableBytes.delegation(cert), random);
        return new DelegationCert(cert.certId(), cert.version(), cert.issuerId(), cert.issuerPubKey(),
                cert.subjectId(), cert.subjectPubKey(), cert.scope(), cert.constraints(), cert.issuedAt(),
                cert.expiresAt(), sig);
    }

    /** A fresh 32-byte challenge. */
    public Bytes newChallenge() {
        byte[] c = new byte[Ratify.CHALLENGE_SIZE];
        random.nextBytes(c);
        return Bytes.wrap(c);
    }

    /** A challenge recorded in {@code store} for single use within the challenge window. */
    public record IssuedChallenge(Bytes challenge, long expiresAt, long ttlSeconds) {}

    public IssuedChallenge issueChallenge(ChallengeStore store, Bytes sessionContext) {
        Bytes c = newChallenge();
        long exp = now() + Ratify.CHALLENGE_WINDOW_SECONDS;
        store.issue(c, sessionContext == null || sessionContext.isEmpty() ? null : sessionContext,
                exp);
        return new IssuedChallenge(c, exp, Ratify.CHALLENGE_WINDOW_SECONDS);
    }

    /** Optional bindings of a presentation; null/0 when absent. */
    public record Binding(Bytes sessionContext, Bytes streamId, long streamSeq) {
        public static final Binding NONE = new Binding(null, null, 0);

        public static Binding session(Bytes sessionContext) {
            return new Binding(sessionContext, null, 0);
        }

        public static Binding stream(Bytes sessionContext, Bytes streamId, long streamSeq) {
            return new Binding(sessionContext, streamId, streamSeq);
        }
    }

    /**
     * Builds a proof bundle: {@code agent} signs {@code challenge} at the current time, with the
     * optional bindings, over the chain [leaf, ..., root].
     */
    public ProofBundle present(HybridKeyPair agent, List<DelegationCert> chain, Bytes challenge,
            Binding binding) {
        if (chain.isEmpty() || chain.size() > Ratify.MAX_DELEGATION_CHAIN_DEPTH) {
            throw new RatifyException("chain depth must be 1.." + Ratify.MAX_DELEGATION_CHAIN_DEPTH);
        }
        if (!chain.get(0).subjectPubKey().equals(agent.publicKey())) {
            throw new RatifyException("the leaf cert is not issued to this agent key");
        }
        Binding bnd = binding == null ? Binding.NONE : binding;
        checkBinding(bnd);
        long at = now();
        byte[] msg = SignableBytes.challenge(challenge, at, bnd.sessionContext(), bnd.streamId(),
                bnd.streamSeq());
        return new ProofBundle(agent.id(), agent.publicKey(), new ArrayList<>(chain), challenge, at,
                agent.sign(msg, random), bnd.sessionContext(), bnd.streamId(), bnd.streamSeq());
    }

    /** A per-turn presentation for the session-token path. */
    public StreamedTurn presentTurn(HybridKeyPair agent, Bytes challenge, Binding binding) {
        Binding bnd = binding == null ? Binding.NONE : binding;
        checkBinding(bnd);
        long at = now();
        byte[] msg = SignableBytes.challenge(challenge, at, bnd.sessionContext(), bnd.streamId(),
                bnd.streamSeq());
        return new StreamedTurn(challenge, at, agent.sign(msg, random), bnd.sessionContext(),
                bnd.streamId(), bnd.streamSeq());
    }

    private static void checkBinding(Binding b) {
        if (b.sessionContext() != null && !b.sessionContext().isEmpty()
                && b.sessionContext().length() != 32) {
            throw new RatifyException("session_context must be 32 bytes");
        }
        boolean stream = b.streamId() != null && !b.streamId().isEmpty();
        if (stream && (b.streamId().length() != 32 || b.streamSeq() < 1)) {
            throw new RatifyException("stream_id must be 32 bytes and stream_seq >= 1");
        }
        if (!stream && b.streamSeq() != 0) {
            throw new RatifyException("stream_seq requires stream_id");
        }
    }

    public RevocationList signRevocationList(HybridKeyPair issuer, List<String> revoked) {
        RevocationList unsigned = new RevocationList(issuer.id(), now(), revoked, emptySig());
        return new RevocationList(unsigned.issuerId(), unsigned.updatedAt(), revoked,
                issuer.sign(SignableBytes.revocationList(unsigned), random));
    }

    public RevocationPush signRevocationPush(HybridKeyPair issuer, long seqNo, List<String> entries) {
        if (seqNo < 1) {
            throw new RatifyException("seq_no starts at 1");
        }
        RevocationPush unsigned = new RevocationPush(issuer.id(), seqNo, entries, now(), emptySig());
        return new RevocationPush(unsigned.issuerId(), seqNo, entries, unsigned.pushedAt(),
                issuer.sign(SignableBytes.revocationPush(unsigned), random));
    }

    public WitnessEntry signWitnessEntry(HybridKeyPair witness, String witnessId, Bytes prevHash,
            Bytes entryData) {
        WitnessEntry unsigned = new WitnessEntry(prevHash, entryData, now(), witnessId, emptySig());
        return new WitnessEntry(prevHash, entryData, unsigned.timestamp(), witnessId,
                witness.sign(SignableBytes.witnessEntry(unsigned), random));
    }

    public KeyRotationStatement rotate(HybridKeyPair oldKey, HybridKeyPair newKey, String reason) {
        KeyRotationStatement u = new KeyRotationStatement(Ratify.PROTOCOL_VERSION, oldKey.id(),
                oldKey.publicKey(), newKey.id(), newKey.publicKey(), now(), reason, emptySig(), emptySig());
        byte[] msg = SignableBytes.keyRotation(u);
        return new KeyRotationStatement(u.version(), u.oldId(), u.oldPubKey(), u.newId(),
                u.newPubKey(), u.rotatedAt(), reason, oldKey.sign(msg, random), newKey.sign(msg, random));
    }

    /** One party's signature over the receipt's signable bytes. */
    public TransactionReceipt.PartySignature signReceiptParty(TransactionReceipt receipt,
            String partyId, HybridKeyPair partyKey) {
        return new TransactionReceipt.PartySignature(partyId,
                partyKey.sign(SignableBytes.transactionReceipt(receipt), random));
    }

    private static HybridSignature emptySig() {
        return new HybridSignature(Bytes.empty(), Bytes.empty());
    }
}
