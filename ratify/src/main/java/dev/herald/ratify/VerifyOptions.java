package dev.herald.ratify;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the full verifier checks beyond the cryptographic basics (SPEC 5.17). Immutable; build with
 * {@link #builder(Clock)}. The clock is mandatory: the verifier never reads the wall clock itself.
 *
 * @param requiredScope null or empty skips the scope check
 * @param sessionContext the verifier-reconstructed 32-byte binding, or null
 * @param stream the verifier's stream snapshot, or null
 * @param signatureCache optional cache of verified cert signatures; expiry, revocation, scope and
 *     constraints are still evaluated on every call
 * @param policyVerdict a cached policy decision (SPEC 17.6) consulted before {@code policy}; a
 *     verdict that cannot be used (bad MAC, expired, other agent, scope or context) is ignored
 * @param policySecret the HMAC secret of {@code policyVerdict}; required when it is set
 */
public record VerifyOptions(
        Clock clock,
        String requiredScope,
        RevocationProvider revocation,
        boolean forceRevocationCheck,
        Bytes sessionContext,
        StreamContext stream,
        VerifierContext context,
        PolicyProvider policy,
        AuditProvider audit,
        AnchorResolver anchorResolver,
        Map<String, ConstraintEvaluator> constraintEvaluators,
        ChallengeStore challengeStore,
        SignatureCache signatureCache,
        PolicyVerdict policyVerdict,
        Bytes policySecret) {

    public VerifyOptions {
        if (policyVerdict != null && (policySecret == null || policySecret.isEmpty())) {
            throw new IllegalArgumentException("policyVerdict needs policySecret");
        }
        Objects.requireNonNull(clock, "clock");
        context = context == null ? VerifierContext.empty() : context;
        constraintEvaluators = constraintEvaluators == null ? Map.of() : Map.copyOf(constraintEvaluators);
    }

    public static Builder builder(Clock clock) {
        return new Builder(clock);
    }

    /** The epoch second the verifier evaluates at. */
    public long nowEpochSeconds() {
        return Math.floorDiv(clock.millis(), 1000L);
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final Clock clock;
        private String requiredScope;
        private RevocationProvider revocation;
        private boolean forceRevocationCheck;
        private Bytes sessionContext;
        private StreamContext stream;
        private VerifierContext context;
        private PolicyProvider policy;
        private AuditProvider audit;
        private AnchorResolver anchorResolver;
        private Map<String, ConstraintEvaluator> evaluators;
        private ChallengeStore challengeStore;
        private SignatureCache signatureCache;
        private PolicyVerdict policyVerdict;
        private Bytes policySecret;

        private Builder(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        public Builder requiredScope(String scope) {
            this.requiredScope = scope;
            return this;
        }

        public Builder revocation(RevocationProvider provider) {
            this.revocation = provider;
            return this;
        }

        public Builder forceRevocationCheck(boolean force) {
            this.forceRevocationCheck = force;
            return this;
        }

        public Builder sessionContext(Bytes sessionContext) {
            this.sessionContext = sessionContext;
            return this;
        }

        public Builder stream(StreamContext stream) {
            this.stream = stream;
            return this;
        }

        public Builder context(VerifierContext context) {
            this.context = context;
            return this;
        }

        public Builder policy(PolicyProvider policy) {
            this.policy = policy;
            return this;
        }

        public Builder audit(AuditProvider audit) {
            this.audit = audit;
            return this;
        }

        public Builder anchorResolver(AnchorResolver resolver) {
            this.anchorResolver = resolver;
            return this;
        }

        public Builder constraintEvaluators(Map<String, ConstraintEvaluator> evaluators) {
            this.evaluators = evaluators;
            return this;
        }

        public Builder challengeStore(ChallengeStore store) {
            this.challengeStore = store;
            return this;
        }

        public Builder signatureCache(SignatureCache cache) {
            this.signatureCache = cache;
            return this;
        }

        /** A cached policy verdict and the secret its MAC is checked with (SPEC 17.6). */
        public Builder policyVerdict(PolicyVerdict verdict, Bytes secret) {
            this.policyVerdict = verdict;
            this.policySecret = secret;
            return this;
        }

        public VerifyOptions build() {
            return new VerifyOptions(clock, requiredScope, revocation, forceRevocationCheck,
                    sessionContext, stream, context, policy, audit, anchorResolver, evaluators,
                    challengeStore, signatureCache, policyVerdict, policySecret);
        }
    }
}
