package dev.herald.governance.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.Issuer;
import dev.herald.ratify.KeyRotationStatement;
import dev.herald.ratify.RatifyJson;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Ratify registry over a real port: SPEC 13.1 read binding (one 404 shape, no listing, caching
 * headers, rotation moving the record), agents and delegations verified before storage, and
 * revocation pushes with gap detection.
 */
abstract class RegistryApiContract extends RunningHerald {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Issuer issuer = new Issuer(Clock.systemUTC(), RANDOM);
    private String adminKey() {
        return herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin").secret().reveal();
    }

    private static String json(byte[] canonical) {
        return new String(canonical, StandardCharsets.UTF_8);
    }

    private Http.Response registerPrincipal(String key, HybridKeyPair root) {
        return http.post("/v1/ratify/principals", key, "{\"public_key\":" + json(RatifyJson.encode(root.publicKey()))
                + ",\"anchor\":{\"type\":\"enterprise_sso\",\"provider\":\"okta\",\"reference\":\"u-123\","
                + "\"verified_at\":1700000000}}");
    }

    /** Everything but Date must be identical between two 404s. */
    private static Map<String, List<String>> comparableHeaders(Http.Response r) {
        Map<String, List<String>> h = new java.util.TreeMap<>(r.headers().map());
        h.remove("date");
        h.remove("Date");
        return h;
    }

    @Test
    void principalRecordIsServedWithCachingHeaders() throws Exception {
        String key = adminKey();
        HybridKeyPair root = HybridKeyPair.generate(RANDOM);
        assertThat(registerPrincipal(key, root).status()).isEqualTo(201);
        Http.Response r = http.get("/v1/registry/principals/" + root.id(), key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        TreeSet<String> fields = new TreeSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly("anchor", "human_id", "public_key", "rotations", "updated_at");
        assertThat(body.path("human_id").asText()).isEqualTo(root.id());
        assertThat(RatifyJson.decodePublicKey(JSON.writeValueAsBytes(body.path("public_key"))))
                .isEqualTo(root.publicKey());
        assertThat(body.path("rotations").isArray()).isTrue();
        assertThat(body.path("rotations")).isEmpty();
        assertThat(body.path("anchor").path("provider").asText()).isEqualTo("okta");
        assertThat(r.header("Cache-Control")).matches("max-age=\\d+");
        String etag = r.header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");
        Http.Response cached = http.send("GET", "/v1/registry/principals/" + root.id(), key, null, null);
        assertThat(cached.header("ETag")).isEqualTo(etag);
        var conditional = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        herald.baseUrl().resolve("/v1/registry/principals/" + root.id()))
                .header("Authorization", "Bearer " + key).header("If-None-Match", etag).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(conditional.statusCode()).isEqualTo(304);
    }

    @Test
    void malformedUnknownRemovedAndListingAllGetTheSameEmpty404() {
        String key = adminKey();
        HybridKeyPair removed = HybridKeyPair.generate(RANDOM);
        registerPrincipal(key, removed);
        assertThat(http.send("DELETE", "/v1/ratify/principals/" + removed.id(), key, null, null).status())
                .isEqualTo(200);
        HybridKeyPair elsewhere = HybridKeyPair.generate(RANDOM);
        registerPrincipal(adminKey(), elsewhere);
        List<String> paths = List.of(
                "/v1/registry/principals/" + removed.id(),
                "/v1/registry/principals/" + HybridKeyPair.generate(RANDOM).id(),
                "/v1/registry/principals/" + elsewhere.id(),
                "/v1/registry/principals/" + removed.id().toUpperCase(java.util.Locale.ROOT),
                "/v1/registry/principals/" + removed.id().substring(1),
                "/v1/registry/principals/not-an-id",
                "/v1/registry/principals");
        Map<String, List<String>> firstHeaders = null;
        for (String path : paths) {
            Http.Response r = http.get(path, key);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).isEqualTo("{}");
            if (firstHeaders == null) {
                firstHeaders = comparableHeaders(r);
            } else {
                assertThat(comparableHeaders(r)).as(path).isEqualTo(firstHeaders);
            }
        }
        // Longer paths under the prefix (a <param> route, outside the OpenAPI validator's one-segment templates).
        for (String path : List.of("/v1/registry/principals/" + removed.id() + "/extra", "/v1/registry/principals/")) {
            Http.Response longer = new Http(herald.baseUrl()).get(path, key);
            assertThat(longer.status()).as(path).isEqualTo(404);
            assertThat(longer.body()).as(path).isEqualTo("{}");
            assertThat(comparableHeaders(longer)).as(path).isEqualTo(firstHeaders);
        }
        assertThat(firstHeaders.keySet()).noneMatch(h -> h.equalsIgnoreCase("etag") || h.equalsIgnoreCase("cache-control"));
    }

    @Test
    void aVerifiedRotationMovesTheRecordToTheNewId() throws Exception {
        String key = adminKey();
        HybridKeyPair oldRoot = HybridKeyPair.generate(RANDOM);
        HybridKeyPair newRoot = HybridKeyPair.generate(RANDOM);
        registerPrincipal(key, oldRoot);

        // A statement whose old signature is not by the old key is rejected and changes nothing.
        KeyRotationStatement good = issuer.rotate(oldRoot, newRoot, "routine");
        KeyRotationStatement forged = new KeyRotationStatement(good.version(), good.oldId(), good.oldPubKey(),
                good.newId(), good.newPubKey(), good.rotatedAt(), good.reason(),
                issuer.rotate(newRoot, HybridKeyPair.generate(RANDOM), "routine").signatureOld(), good.signatureNew());
        Http.Response rejected = http.post("/v1/ratify/key-rotations", key,
                "{\"key_rotation\":" + json(RatifyJson.encode(forged)) + "}");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
        assertThat(http.get("/v1/registry/principals/" + oldRoot.id(), key).status()).isEqualTo(200);

        Http.Response rotated = http.post("/v1/ratify/key-rotations", key,
                "{\"key_rotation\":" + json(RatifyJson.encode(good)) + "}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        Http.Response old = http.get("/v1/registry/principals/" + oldRoot.id(), key);
        assertThat(old.status()).isEqualTo(404);
        assertThat(old.body()).isEqualTo("{}");
        JsonNode now = http.get("/v1/registry/principals/" + newRoot.id(), key).json();
        assertThat(now.path("human_id").asText()).isEqualTo(newRoot.id());
        assertThat(RatifyJson.decodePublicKey(JSON.writeValueAsBytes(now.path("public_key"))))
                .isEqualTo(newRoot.publicKey());
        assertThat(now.path("rotations")).hasSize(1);
        KeyRotationStatement served = RatifyJson.decodeKeyRotation(JSON.writeValueAsBytes(now.path("rotations").get(0)));
        dev.herald.ratify.Documents.verifyKeyRotation(served);
        assertThat(served.newPubKey()).isEqualTo(newRoot.publicKey());
        assertThat(now.path("anchor").path("reference").asText()).isEqualTo("u-123");
        // The rotated-away id can never come back.
        assertThat(registerPrincipal(key, oldRoot).status()).isEqualTo(409);
    }

    /**
     * Ed25519 keys no signature is verified under: two small-order points (the identity and a point
     * of order 8) and two non-canonical encodings (y = p + 1, and x = 0 with the sign bit set).
     */
    private static final List<String> UNUSABLE_ED25519_KEYS = List.of(
            "0100000000000000000000000000000000000000000000000000000000000000",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");

    @Test
    void smallOrderAndNonCanonicalEd25519Keys_areRefusedAtEveryRegistration_with422NamingTheField() {
        String key = adminKey();
        String projectKey = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), "p1", "p").secret().reveal();
        HybridKeyPair real = HybridKeyPair.generate(RANDOM);
        KeyRotationStatement good = issuer.rotate(real, HybridKeyPair.generate(RANDOM), "routine");
        assertThat(registerPrincipal(key, real).status()).isEqualTo(201);
        for (String hex : UNUSABLE_ED25519_KEYS) {
            dev.herald.ratify.HybridPublicKey bad = new dev.herald.ratify.HybridPublicKey(
                    dev.herald.ratify.Bytes.fromHex(hex), real.publicKey().mlDsa65());
            String badJson = json(RatifyJson.encode(bad));
            assertRefused(http.post("/v1/ratify/principals", key, "{\"public_key\":" + badJson + "}"),
                    "public_key.ed25519", hex);
            assertRefused(http.post("/v1/ratify/agents", key, "{\"public_key\":" + badJson
                    + ",\"name\":\"Ava\",\"agent_type\":\"voice_agent\"}"), "public_key.ed25519", hex);
            KeyRotationStatement toBad = new KeyRotationStatement(good.version(), good.oldId(), good.oldPubKey(),
                    bad.deriveId(), bad, good.rotatedAt(), good.reason(), good.signatureOld(), good.signatureNew());
            assertRefused(http.post("/v1/ratify/key-rotations", key,
                    "{\"key_rotation\":" + json(RatifyJson.encode(toBad)) + "}"), "key_rotation.new_pub_key.ed25519", hex);
            String b64 = java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(hex));
            assertRefused(http.post("/v1/sidecar-keys", projectKey, "{\"key_id\":\"k-" + hex.substring(0, 8)
                    + "\",\"algorithm\":\"ed25519\",\"public_key\":\"" + b64 + "\"}"), "public_key", hex);
        }
        assertThat(http.get("/v1/sidecar-keys", projectKey).json().path("data")).isEmpty();
        assertThat(http.get("/v1/registry/principals/" + real.id(), key).status()).isEqualTo(200);
    }

    private static void assertRefused(Http.Response r, String field, String hex) {
        assertThat(r.status()).as("%s: %s", hex, r.body()).isEqualTo(422);
        assertThat(r.json().path("errors").get(0).path("field").asText()).as(hex).isEqualTo(field);
    }

    @Test
    void agentsAndDelegationsAreVerifiedBeforeTheyAreStored() {
        String key = adminKey();
        HybridKeyPair root = HybridKeyPair.generate(RANDOM);
        HybridKeyPair agent = HybridKeyPair.generate(RANDOM);
        Http.Response a = http.post("/v1/ratify/agents", key, "{\"public_key\":"
                + json(RatifyJson.encode(agent.publicKey())) + ",\"name\":\"Ava\",\"agent_type\":\"voice_agent\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().path("agent_id").asText()).isEqualTo(agent.id());

        DelegationCert cert = issuer.delegate(root, agent.publicKey(), List.of("meeting:attend", "meeting:speak"),
                List.of(), Duration.ofHours(1));
        DelegationCert widened = new DelegationCert(cert.certId(), cert.version(), cert.issuerId(), cert.issuerPubKey(),
                cert.subjectId(), cert.subjectPubKey(), List.of("meeting:attend", "meeting:speak", "data:write"),
                cert.constraints(), cert.issuedAt(), cert.expiresAt(), cert.signature());
        Http.Response tampered = http.post("/v1/ratify/delegations", key,
                "{\"cert\":" + json(RatifyJson.encode(widened)) + "}");
        assertThat(tampered.status()).as(tampered.body()).isEqualTo(422);
        assertThat(tampered.json().path("errors").get(0).path("field").asText()).isEqualTo("cert.signature");

        Http.Response stored = http.post("/v1/ratify/delegations", key, "{\"cert\":" + json(RatifyJson.encode(cert)) + "}");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        JsonNode read = http.get("/v1/ratify/agents/" + agent.id(), key).json();
        assertThat(read.path("delegations")).hasSize(1);
        assertThat(read.path("delegations").get(0).path("cert_id").asText()).isEqualTo(cert.certId());
        assertThat(read.toString()).doesNotContain("private").doesNotContain("seed");

        assertThat(http.get("/v1/ratify/agents/" + agent.id(), adminKey()).status()).isEqualTo(404);
    }

    @Test
    void revocationPushesAreVerifiedAndGapsDetected() {
        String key = adminKey();
        HybridKeyPair root = HybridKeyPair.generate(RANDOM);
        registerPrincipal(key, root);
        String certA = UUID.randomUUID().toString();
        String certB = UUID.randomUUID().toString();
        String certC = UUID.randomUUID().toString();

        JsonNode first = push(key, issuer.signRevocationPush(root, 1, List.of(certA))).json();
        assertThat(first.path("applied").asBoolean()).isTrue();
        assertThat(first.path("newly_revoked").asInt()).isEqualTo(1);
        assertThat(herald.services().ratify().revocations().isRevoked(workspaceOf(key), certA)).isTrue();

        JsonNode replay = push(key, issuer.signRevocationPush(root, 1, List.of(certB))).json();
        assertThat(replay.path("applied").asBoolean()).isFalse();
        assertThat(herald.services().ratify().revocations().isRevoked(workspaceOf(key), certB)).isFalse();

        JsonNode gap = push(key, issuer.signRevocationPush(root, 4, List.of(certC))).json();
        assertThat(gap.path("applied").asBoolean()).isTrue();
        assertThat(gap.path("gap").path("from").asLong()).isEqualTo(2);
        assertThat(gap.path("gap").path("to").asLong()).isEqualTo(3);
        assertThat(gap.path("needs_full_list").asBoolean()).isTrue();

        // The full signed list closes the gap.
        Http.Response list = http.send("PUT", "/v1/ratify/revocations/" + root.id(), key, "application/json",
                ("{\"revocation_list\":" + json(RatifyJson.encode(issuer.signRevocationList(root,
                        List.of(certA, certC)))) + ",\"issuer_public_key\":" + json(RatifyJson.encode(root.publicKey()))
                        + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode after = push(key, issuer.signRevocationPush(root, 5, List.of())).json();
        assertThat(after.path("needs_full_list").asBoolean()).isFalse();

        HybridKeyPair impostor = HybridKeyPair.generate(RANDOM);
        var forged = issuer.signRevocationPush(impostor, 6, List.of(certB));
        var relabelled = new dev.herald.ratify.RevocationPush(root.id(), 6, List.of(certB), forged.pushedAt(),
                forged.signature());
        Http.Response bad = push(key, relabelled);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(herald.services().ratify().revocations().isRevoked(workspaceOf(key), certB)).isFalse();
        assertThat(Set.of(200)).contains(http.get("/v1/ratify/revocations/" + root.id(), key).status());
    }

    private Http.Response push(String key, dev.herald.ratify.RevocationPush push) {
        return http.post("/v1/ratify/revocation-pushes", key, "{\"revocation_push\":" + json(RatifyJson.encode(push)) + "}");
    }

    private String workspaceOf(String key) {
        return herald.services().apiKeys().authenticate(key).orElseThrow().workspaceId();
    }
}
