package dev.herald.governance.identity;

import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.HybridPublicKey;
import dev.herald.ratify.Issuer;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.RatifyDecodeException;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.RevocationList;
import dev.herald.ratify.VerificationReceipt;
import dev.herald.ratify.VerificationReceipts;
import dev.herald.ratify.VerifierContext;
import dev.herald.ratify.VerifyResult;
import dev.herald.platform.Feature;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.http.FieldCheck;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.MalformedInput;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Base64;
import java.util.Map;

/**
 * Ratify's HTTP binding (SPEC 13): {@code POST /v1/ratify/challenge}, {@code POST /v1/ratify/verify},
 * {@code GET /v1/ratify/scopes}, and {@code GET|PUT /v1/ratify/revocations/{rootId}}.
 *
 * <p>A body that cannot be decoded is a 400 problem naming the defect; a well-formed bundle that
 * fails verification is a 200 with {@code valid: false}, because the verdict is the answer.
 */
public final class RatifyRoutes implements Feature {
    private static final String JSON = "application/json";

    private final RatifyService ratify;
    private final JsonBody json;
    private final Idempotency idempotency;
    private final Map<String, Object> scopeVocabulary;

    public RatifyRoutes(RatifyService ratify, JsonBody json, Idempotency idempotency) {
        this.ratify = ratify;
        this.json = json;
        this.idempotency = idempotency;
        this.scopeVocabulary = json.parse(RatifyJson.encodeScopeVocabulary(), VocabularyDocument.class).body;
    }

    @Override
    public void routes(JavalinDefaultRouting router) {
        router.post("/v1/ratify/challenge", this::challenge);
        router.post("/v1/ratify/verify", this::verify);
        router.get("/v1/ratify/scopes", this::scopes);
        router.get("/v1/ratify/revocations/{rootId}", this::revocationList);
        router.put("/v1/ratify/revocations/{rootId}", this::publishRevocationList);
        router.get(VERIFIER_KEY_PATH, this::verifierKey);
    }

    /** Public: the hybrid key that signs this install's verification receipts (SPEC 17.5). */
    public static final String VERIFIER_KEY_PATH = "/.well-known/herald/ratify-verifier-key.json";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChallengeRequest(String sessionContext) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChallengeIssued(String challenge, long expiresAt, long ttlSeconds) {
    }

    /** {@code context} carries the constraint inputs of SPEC 5.16; every group is optional. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VerifyRequest(String proofBundle, String requiredScope, String sessionContext,
                         Boolean forceRevocationCheck, ConstraintContext context, Boolean receipt,
                         String receiptPrevHash) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConstraintContext(Double lat, Double lon, Double altM, Double speedMps, Double amount,
                             String currency, String resourceId, String path) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PublishRevocationList(Map<String, Object> revocationList, Map<String, Object> issuerPublicKey) {
    }

    /** The install's receipt-signing key (SPEC 17.5): its id and the hybrid public key. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VerifierKey(String verifierId, Map<String, Object> verifierPub) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ListPublished(String issuerId, long updatedAt, int revokedCount, boolean stored) {
    }

    private static final class VocabularyDocument {
        @com.fasterxml.jackson.annotation.JsonAnySetter
        final Map<String, Object> body = new java.util.LinkedHashMap<>();
    }

    private void challenge(Context ctx) {
        Caller caller = Caller.of(ctx);
        ChallengeRequest body = ctx.bodyAsBytes().length == 0
                ? new ChallengeRequest(null)
                : json.read(ctx, ChallengeRequest.class);
        FieldCheck check = new FieldCheck();
        Bytes binding = optional32(check, "session_context", body.sessionContext());
        check.throwIfAny();
        idempotency.respond(ctx, caller, () -> {
            Issuer.IssuedChallenge issued = ratify.issueChallenge(caller, binding);
            return Idempotency.Outcome.of(200, new ChallengeIssued(issued.challenge().toBase64(),
                    issued.expiresAt(), issued.ttlSeconds()));
        });
    }

    private void verify(Context ctx) {
        Caller caller = Caller.of(ctx);
        VerifyRequest body = json.read(ctx, VerifyRequest.class);
        // Undecodable bytes are a 400 at once; every other defect is collected into one 422.
        ProofBundle bundle = body.proofBundle() == null || body.proofBundle().isBlank() ? null
                : decodeBundle(body.proofBundle());
        boolean wantsReceipt = Boolean.TRUE.equals(body.receipt());
        FieldCheck check = new FieldCheck().required("proof_bundle", body.proofBundle());
        Bytes sessionContext = optional32(check, "session_context", body.sessionContext());
        if (body.receiptPrevHash() != null && !wantsReceipt) {
            check.fail("receipt_prev_hash", "needs \"receipt\": true");
        }
        Bytes prevHash = optional32(check, "receipt_prev_hash", body.receiptPrevHash());
        checkContext(check, body.context());
        check.throwIfAny();
        RatifyService.Request request = new RatifyService.Request(
                body.requiredScope() == null ? "" : body.requiredScope(), sessionContext,
                Boolean.TRUE.equals(body.forceRevocationCheck()), context(body.context()));
        idempotency.respond(ctx, caller, () -> {
            VerifyResult result = ratify.verify(caller, bundle, request);
            Map<String, Object> response = json.parse(RatifyJson.encode(result), Map.class);
            if (wantsReceipt) {
                VerificationReceipt receipt = ratify.receipt(bundle, result,
                        prevHash == null ? VerificationReceipts.GENESIS : prevHash);
                response.put("receipt", json.parse(RatifyJson.encode(receipt), Map.class));
                response.put("receipt_hash", VerificationReceipts.receiptHash(receipt).toBase64());
            }
            return Idempotency.Outcome.of(200, response);
        });
    }

    private void verifierKey(Context ctx) {
        HybridPublicKey key = ratify.receiptKey()
                .orElseThrow(() -> new NotFound("this server has no Ratify verifier key"));
        ctx.json(new VerifierKey(key.deriveId(), json.parse(RatifyJson.encode(key), Map.class)));
    }

    private void scopes(Context ctx) {
        ctx.json(scopeVocabulary);
    }

    private void revocationList(Context ctx) {
        Caller caller = Caller.of(ctx);
        String rootId = ctx.pathParam("rootId");
        String document = ratify.revocations().current(caller.workspaceId(), rootId)
                .orElseThrow(() -> new NotFound("no revocation list is held for issuer " + rootId));
        ctx.contentType(JSON).result(document);
    }

    private void publishRevocationList(Context ctx) {
        Caller caller = Caller.of(ctx);
        String rootId = ctx.pathParam("rootId");
        PublishRevocationList body = json.read(ctx, PublishRevocationList.class);
        new FieldCheck().required("revocation_list", body.revocationList())
                .required("issuer_public_key", body.issuerPublicKey()).throwIfAny();
        RevocationList list = decode("revocation_list", body.revocationList(), RatifyJson::decodeRevocationList);
        HybridPublicKey key = decode("issuer_public_key", body.issuerPublicKey(), RatifyJson::decodePublicKey);
        if (!list.issuerId().equals(rootId)) {
            throw new Invalid("revocation_list.issuer_id", "must equal the path's root id " + rootId);
        }
        idempotency.respond(ctx, caller, () -> {
            RevocationRegistry.Outcome outcome = ratify.revocations().publish(caller.workspaceId(), list, key);
            return Idempotency.Outcome.of(200, new ListPublished(list.issuerId(), list.updatedAt(),
                    list.revokedCerts().size(), outcome == RevocationRegistry.Outcome.STORED));
        });
    }

    private ProofBundle decodeBundle(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new MalformedInput("proof_bundle", "is not valid base64: " + e.getMessage());
        }
        try {
            return RatifyJson.decodeProofBundle(raw);
        } catch (RatifyDecodeException e) {
            throw new MalformedInput("proof_bundle", "cannot be decoded: " + e.getMessage());
        }
    }

    private <T> T decode(String field, Map<String, Object> value, java.util.function.Function<byte[], T> decoder) {
        try {
            return decoder.apply(json.mapper().writeValueAsBytes(value));
        } catch (RatifyDecodeException e) {
            throw new MalformedInput(field, "cannot be decoded: " + e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Invalid(field, "cannot be re-encoded: " + e.getOriginalMessage());
        }
    }

    /**
     * The 32 bytes of an optional base64 member: null when absent; bytes that are not base64 are a
     * 400 at once, a wrong length is added to {@code check} (and null returned).
     */
    private static Bytes optional32(FieldCheck check, String field, String base64) {
        if (base64 == null || base64.isEmpty()) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new MalformedInput(field, "is not valid base64");
        }
        if (raw.length != 32) {
            check.fail(field, "must be 32 bytes, got " + raw.length);
            return null;
        }
        return Bytes.of(raw);
    }

    /** Adds the defects of the constraint inputs (SPEC 5.16) to {@code check}: members that go together. */
    private static void checkContext(FieldCheck check, ConstraintContext c) {
        if (c == null) {
            return;
        }
        if ((c.lat() == null) != (c.lon() == null)) {
            check.fail("context.lat", "lat and lon go together");
        }
        if ((c.amount() == null) != (c.currency() == null)) {
            check.fail("context.amount", "amount and currency go together");
        }
        if (c.path() != null && c.resourceId() == null) {
            check.fail("context.path", "needs context.resource_id");
        }
        if (c.resourceId() != null && c.resourceId().isEmpty()) {
            check.fail("context.resource_id", "must not be empty");
        }
    }

    /** The verifier's context from checked constraint inputs. */
    private static VerifierContext context(ConstraintContext c) {
        VerifierContext.Builder b = VerifierContext.builder();
        if (c == null) {
            return b.build();
        }
        if (c.lat() != null) {
            b.location(c.lat(), c.lon());
        }
        if (c.altM() != null) {
            b.altitudeM(c.altM());
        }
        if (c.speedMps() != null) {
            b.speedMps(c.speedMps());
        }
        if (c.amount() != null) {
            b.amount(c.amount(), c.currency());
        }
        if (c.resourceId() != null) {
            b.resource(c.resourceId(), c.path());
        }
        return b.build();
    }
}
