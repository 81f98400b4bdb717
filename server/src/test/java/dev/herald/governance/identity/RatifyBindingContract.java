package dev.herald.governance.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.Issuer;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.RevocationList;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.server.testing.StoreExtension;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Ratify's HTTP binding (SPEC 13) over a real port, against each store (see the subclasses).
 * Proofs are made with the SDK exactly as a voice agent would make them.
 */
abstract class RatifyBindingContract extends RunningHerald {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Issuer issuer = new Issuer(Clock.systemUTC(), RANDOM);
    private final HybridKeyPair root = HybridKeyPair.generate(RANDOM);
    private final HybridKeyPair agent = HybridKeyPair.generate(RANDOM);
    private final DelegationCert cert = issuer.delegate(root, agent.publicKey(),
            List.of("meeting:attend", "meeting:speak"), List.of(), Duration.ofHours(1));


    private String projectKey() {
        IssuedKey key = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "voice", null);
        return key.secret().reveal();
    }

    private Bytes challenge(String key, String body) {
        Http.Response r = body == null
                ? http.send("POST", "/v1/ratify/challenge", key, null, null)
                : http.post("/v1/ratify/challenge", key, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.path("ttl_seconds").asLong()).isEqualTo(300);
        assertThat(json.path("expires_at").asLong())
                .isBetween(Instant.now().getEpochSecond() + 290, Instant.now().getEpochSecond() + 310);
        return Bytes.fromBase64(json.path("challenge").asText());
    }

    private static String base64(ProofBundle bundle) {
        return Base64.getEncoder().encodeToString(RatifyJson.encode(bundle));
    }

    private Http.Response verify(String key, String bundleBase64, String scope, String... extra) {
        StringBuilder body = new StringBuilder("{\"proof_bundle\":\"" + bundleBase64 + "\",\"required_scope\":\"" + scope + "\"");
        for (String e : extra) {
            body.append(',').append(e);
        }
        return http.post("/v1/ratify/verify", key, body.append('}').toString());
    }

    private static void assertProblem(Http.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    @Test
    void issuedChallengeVerifiesOnceThenIsUnknown() {
        String key = projectKey();
        ProofBundle bundle = issuer.present(agent, List.of(cert), challenge(key, null), Issuer.Binding.NONE);

        JsonNode first = verify(key, base64(bundle), "meeting:speak").json();
        assertThat(first.path("valid").asBoolean()).as(first.toString()).isTrue();
        assertThat(first.path("identity_status").asText()).isEqualTo("authorized_agent");
        assertThat(first.path("human_id").asText()).isEqualTo(root.id());
        assertThat(first.path("agent_id").asText()).isEqualTo(agent.id());

        JsonNode replay = verify(key, base64(bundle), "meeting:speak").json();
        assertThat(replay.path("valid").asBoolean()).isFalse();
        assertThat(replay.path("error_reason").asText()).startsWith("unknown_challenge");
    }

    @Test
    void challengeFromAnotherCallerOrNeverIssuedIsUnknown() {
        ProofBundle foreign = issuer.present(agent, List.of(cert), challenge(projectKey(), null), Issuer.Binding.NONE);
        ProofBundle selfMade = issuer.present(agent, List.of(cert), issuer.newChallenge(), Issuer.Binding.NONE);
        String key = projectKey();
        for (ProofBundle b : List.of(foreign, selfMade)) {
            Http.Response r = verify(key, base64(b), "meeting:speak");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("error_reason").asText()).startsWith("unknown_challenge");
        }
    }

    @Test
    void wellFormedBundleFailingVerificationIs200WithTheReason() {
        String key = projectKey();
        ProofBundle bundle = issuer.present(agent, List.of(cert), challenge(key, null), Issuer.Binding.NONE);
        Http.Response r = verify(key, base64(bundle), "data:write");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("valid").asBoolean()).isFalse();
        assertThat(r.json().path("identity_status").asText()).isEqualTo("scope_denied");
        assertThat(r.json().path("error_reason").asText()).contains("data:write");
    }

    @Test
    void staleChallengeSignatureIsRejected() {
        String key = projectKey();
        Bytes c = challenge(key, null);
        Issuer past = new Issuer(Clock.fixed(Instant.now().minusSeconds(600), ZoneOffset.UTC), RANDOM);
        ProofBundle stale = past.present(agent, List.of(cert), c, Issuer.Binding.NONE);
        JsonNode r = verify(key, base64(stale), "meeting:speak").json();
        assertThat(r.path("valid").asBoolean()).isFalse();
        assertThat(r.path("error_reason").asText()).startsWith("stale_challenge");
    }

    @Test
    void undecodableBundleIs400NamingTheDefect() {
        String key = projectKey();
        assertProblem(verify(key, "not base64!", "meeting:speak"), 400, "proof_bundle");
        String truncated = Base64.getEncoder().encodeToString("{\"agent_id\":".getBytes(StandardCharsets.UTF_8));
        Http.Response r = verify(key, truncated, "meeting:speak");
        assertProblem(r, 400, "proof_bundle");
        assertThat(r.json().path("detail").asText()).contains("malformed JSON");

        ProofBundle bundle = issuer.present(agent, List.of(cert), challenge(key, null), Issuer.Binding.NONE);
        String json = new String(RatifyJson.encode(bundle), StandardCharsets.UTF_8);
        String duplicated = "{\"agent_id\":\"" + agent.id() + "\"," + json.substring(1);
        Http.Response dup = verify(key, Base64.getEncoder().encodeToString(duplicated.getBytes(StandardCharsets.UTF_8)),
                "meeting:speak");
        assertProblem(dup, 400, "proof_bundle");
        assertThat(dup.json().path("detail").asText()).containsIgnoringCase("duplicate");

        String trailing = Base64.getEncoder().encodeToString((json + "{}").getBytes(StandardCharsets.UTF_8));
        assertProblem(verify(key, trailing, "meeting:speak"), 400, "proof_bundle");
        // Decode failures consume nothing: the challenge still verifies afterwards.
        assertThat(verify(key, base64(bundle), "meeting:speak").json().path("valid").asBoolean()).isTrue();
    }

    @Test
    void missingBundleAndBadSessionContextAre422() {
        String key = projectKey();
        Http.Response missing = http.post("/v1/ratify/verify", key, "{\"required_scope\":\"meeting:speak\"}");
        assertProblem(missing, 422, "proof_bundle");
        Http.Response shortContext = http.post("/v1/ratify/challenge", key, "{\"session_context\":\"AAAA\"}");
        assertProblem(shortContext, 422, "session_context");
        assertThat(http.post("/v1/ratify/verify", key, "{}").status()).isEqualTo(422);
    }

    @Test
    void sessionBoundChallengeNeedsTheSameContext() {
        String key = projectKey();
        byte[] ctx = new byte[32];
        RANDOM.nextBytes(ctx);
        String ctx64 = Base64.getEncoder().encodeToString(ctx);
        Bytes c = challenge(key, "{\"session_context\":\"" + ctx64 + "\"}");
        ProofBundle bound = issuer.present(agent, List.of(cert), c, Issuer.Binding.session(Bytes.of(ctx)));

        JsonNode without = verify(key, base64(bound), "meeting:speak").json();
        assertThat(without.path("valid").asBoolean()).isFalse();

        JsonNode with = verify(key, base64(bound), "meeting:speak", "\"session_context\":\"" + ctx64 + "\"").json();
        assertThat(with.path("valid").asBoolean()).as(with.toString()).isTrue();
    }

    @Test
    void concurrentPresentationsOfOneChallengeYieldExactlyOneValid() throws Exception {
        String key = projectKey();
        ProofBundle bundle = issuer.present(agent, List.of(cert), challenge(key, null), Issuer.Binding.NONE);
        String b64 = base64(bundle);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> verify(key, b64, "meeting:speak").json().path("valid").asBoolean());
            }
            long valid = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                valid += f.get() ? 1 : 0;
            }
            assertThat(valid).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void verifyReplaysUnderItsIdempotencyKey() {
        String key = projectKey();
        ProofBundle bundle = issuer.present(agent, List.of(cert), challenge(key, null), Issuer.Binding.NONE);
        String body = "{\"proof_bundle\":\"" + base64(bundle) + "\",\"required_scope\":\"meeting:speak\"}";
        Http.Response first = http.post("/v1/ratify/verify", key, body, "Idempotency-Key", "verify-1");
        Http.Response again = http.post("/v1/ratify/verify", key, body, "Idempotency-Key", "verify-1");
        assertThat(first.json().path("valid").asBoolean()).isTrue();
        assertThat(again.bytes()).isEqualTo(first.bytes());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        Http.Response conflicting = http.post("/v1/ratify/verify", key,
                body.replace("meeting:speak", "meeting:attend"), "Idempotency-Key", "verify-1");
        assertThat(conflicting.status()).isEqualTo(409);
    }

    @Test
    void publishedRevocationListRevokesAndIsServed() {
        String key = projectKey();
        assertThat(http.get("/v1/ratify/revocations/" + root.id(), key).status()).isEqualTo(404);

        RevocationList list = issuer.signRevocationList(root, List.of(cert.certId()));
        Http.Response put = publish(key, list, root);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("stored").asBoolean()).isTrue();

        Http.Response served = http.get("/v1/ratify/revocations/" + root.id(), key);
        assertThat(served.status()).isEqualTo(200);
        RevocationList decoded = RatifyJson.decodeRevocationList(served.bytes());
        assertThat(decoded.revokedCerts()).containsExactly(cert.certId());

        ProofBundle bundle = issuer.present(agent, List.of(cert), challenge(key, null), Issuer.Binding.NONE);
        JsonNode r = verify(key, base64(bundle), "meeting:speak").json();
        assertThat(r.path("identity_status").asText()).isEqualTo("revoked");

        // Another workspace holds no list: revocation is per tenant, and its view is a 404.
        assertThat(http.get("/v1/ratify/revocations/" + root.id(), projectKey()).status()).isEqualTo(404);
    }

    @Test
    void revocationListIsVerifiedBeforeItIsStored() {
        String key = projectKey();
        RevocationList list = issuer.signRevocationList(root, List.of("cert-a"));
        HybridKeyPair stranger = HybridKeyPair.generate(RANDOM);
        assertProblem(publish(key, list, stranger), 422, "issuer_public_key");

        RevocationList forged = new RevocationList(list.issuerId(), list.updatedAt(), List.of("cert-a", "cert-b"),
                list.signature());
        assertProblem(publish(key, forged, root), 422, "revocation_list.signature");
        assertThat(http.get("/v1/ratify/revocations/" + root.id(), key).status()).isEqualTo(404);

        Issuer later = new Issuer(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)), RANDOM);
        assertThat(publish(key, later.signRevocationList(root, List.of("cert-b")), root).status()).isEqualTo(200);
        Http.Response older = publish(key, list, root);
        assertThat(older.status()).isEqualTo(409);
    }

    @Test
    void scopeVocabularyIsServed() {
        JsonNode scopes = http.get("/v1/ratify/scopes", projectKey()).json();
        assertThat(scopes.path("version").asInt()).isEqualTo(1);
        List<String> names = new ArrayList<>();
        scopes.path("scopes").forEach(s -> names.add(s.asText()));
        assertThat(names).contains("meeting:attend", "meeting:speak", "execute:tool", "data:write");
        assertThat(scopes.path("wildcards").isObject()).isTrue();
    }

    @Test
    void bindingNeedsAnApiKey() {
        assertThat(http.send("POST", "/v1/ratify/challenge", null, null, null).status()).isEqualTo(401);
        assertThat(http.get("/v1/ratify/scopes", null).status()).isEqualTo(401);
    }

    private Http.Response publish(String key, RevocationList list, HybridKeyPair signer) {
        String body = "{\"revocation_list\":" + new String(RatifyJson.encode(list), StandardCharsets.UTF_8)
                + ",\"issuer_public_key\":" + new String(RatifyJson.encode(signer.publicKey()), StandardCharsets.UTF_8) + "}";
        return http.send("PUT", "/v1/ratify/revocations/" + list.issuerId(), key, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
    }
}
