package dev.herald.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.RatifyJson;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One way of reading requests, over a real port on each store: a body that is JSON but wrong is a
 * 422 naming every bad field at once (type errors by their path in the body, value rules together
 * with the request's other fields), a body that is not readable JSON is a 400, and nothing is
 * written either way.
 */
abstract class FieldErrorsContract extends RunningHerald {
    private String admin;

    @BeforeAll
    void setUp() {
        admin = herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, null).secret().reveal();
        assertThat(http.post("/v1/projects", admin, "{\"name\":\"fields\"}").status()).isEqualTo(201);
    }

    private int count(String table) {
        return herald.services().db().read(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    /** The {@code field: reason} pairs of a 422 problem, in order. */
    private static List<String> fieldErrors(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(r.json().path("type").asText()).isEqualTo("urn:herald:problem:validation");
        List<String> out = new ArrayList<>();
        for (JsonNode e : r.json().path("errors")) {
            out.add(e.path("field").asText() + ": " + e.path("reason").asText());
        }
        return out;
    }

    private static void assertUnreadable(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("type").asText()).isEqualTo("urn:herald:problem:malformed-request");
    }

    @Test
    void aPolicyWithABadNameAndBadRules_namesEveryFieldAtOnce_andStoresNothing() {
        int before = count("policies");
        Http.Response r = http.post("/v1/policies?project=fields", admin, """
                {"name":"no spaces allowed","policy_json":{"max_input_tokens_per_turn":-1,
                 "allowed_tools":["lookup",""],"max_session_budget_micros":-2}}""");
        assertThat(fieldErrors(r)).containsExactly(
                "name: must be 1 to 100 characters of letters, digits, '.', '_' or '-', starting with a letter or digit",
                "policy_json.allowed_tools[1]: must be a non-empty string",
                "policy_json.max_input_tokens_per_turn: must be a non-negative integer",
                "policy_json.max_session_budget_micros: must be a non-negative integer");
        assertThat(r.json().path("detail").asText()).startsWith("name: ").endsWith("(and 3 more)");
        assertThat(count("policies")).isEqualTo(before);
    }

    @Test
    void aPolicyRuleOfTheWrongTypeOrAMisspeltOne_isNamedByItsPath() {
        assertThat(fieldErrors(http.post("/v1/policies?project=fields", admin,
                "{\"name\":\"typed\",\"policy_json\":{\"allowed_models\":[\"a\",false]}}")))
                .containsExactly("policy_json.allowed_models[1]: must be a string");
        assertThat(fieldErrors(http.post("/v1/policies?project=fields", admin,
                "{\"name\":\"typed\",\"policy_json\":{\"max_turn_budget_micros\":2.5}}")))
                .containsExactly("policy_json.max_turn_budget_micros: must be an integer");
        assertThat(fieldErrors(http.post("/v1/policies?project=fields", admin,
                "{\"name\":\"typed\",\"policy_json\":{\"deny_payment_card\":true,\"max_tokens\":5}}")))
                .containsExactly("policy_json.deny_payment_card: unknown field", "policy_json.max_tokens: unknown field");
        assertThat(fieldErrors(http.post("/v1/policies?project=fields", admin, "{\"name\":\"typed\"}")))
                .containsExactly("policy_json: is required");
        assertThat(fieldErrors(http.post("/v1/policies?project=fields", admin,
                "{\"name\":\"typed\",\"policy_json\":[1]}")))
                .containsExactly("policy_json: must be an object");
        assertThat(fieldErrors(http.post("/v1/policies?project=fields", admin,
                "{\"name\":\"typed\",\"policy_json\":{},\"version\":2}")))
                .containsExactly("version: unknown field");
    }

    @Test
    void aNewPolicyVersion_isCheckedTheSameWay() {
        String id = http.post("/v1/policies?project=fields", admin, "{\"name\":\"versioned\",\"policy_json\":{}}")
                .json().path("policy_id").asText();
        assertThat(fieldErrors(http.post("/v1/policies/" + id + "/versions?project=fields", admin,
                "{\"policy_json\":{\"max_output_tokens_per_turn\":-7,\"allowed_providers\":[\" \"]}}")))
                .containsExactly("policy_json.allowed_providers[0]: must be a non-empty string",
                        "policy_json.max_output_tokens_per_turn: must be a non-negative integer");
        assertThat(fieldErrors(http.post("/v1/policies/" + id + "/versions?project=fields", admin, "{}")))
                .containsExactly("policy_json: is required");
        assertThat(http.get("/v1/policies/" + id + "?project=fields", admin).json().path("version").asInt())
                .isEqualTo(1);
    }

    @Test
    void aSidecarKeyWithEveryFieldWrong_namesEveryField() {
        int before = count("sidecar_keys");
        assertThat(fieldErrors(http.post("/v1/sidecar-keys?project=fields", admin,
                "{\"key_id\":\"bad id\",\"algorithm\":\"rsa\",\"public_key\":\"AAAA\"}")))
                .containsExactly(
                        "key_id: must be 1 to 100 characters of letters, digits, '.', '_' or '-', starting with a letter or digit",
                        "algorithm: must be 'ed25519' or 'ml-dsa-65'");
        assertThat(fieldErrors(http.post("/v1/sidecar-keys?project=fields", admin,
                "{\"key_id\":\"\",\"algorithm\":\"ed25519\",\"public_key\":\"AAAA\"}")))
                .containsExactly("key_id: is required", "public_key: an ed25519 public key is 32 bytes, got 3");
        assertThat(fieldErrors(http.post("/v1/sidecar-keys?project=fields", admin, "{}")))
                .containsExactly("key_id: is required", "algorithm: is required", "public_key: is required");
        assertThat(fieldErrors(http.post("/v1/sidecar-keys?project=fields", admin,
                "{\"key_id\":\"k\",\"algorithm\":\"ed25519\",\"public_key\":7}")))
                .containsExactly("public_key: must be a string");
        assertThat(fieldErrors(http.post("/v1/sidecar-keys?project=fields", admin,
                "{\"key_id\":\"k\",\"algorithm\":\"ed25519\",\"public_key\":\"x\",\"extra\":1,\"more\":{\"a\":[]}}")))
                .containsExactly("extra: unknown field", "more: unknown field");
        assertThat(count("sidecar_keys")).isEqualTo(before);
    }

    @Test
    void projectSettings_needTheirOneMember_andOnlyThat() {
        Http.Response missing = http.send("PUT", "/v1/project-settings?project=fields", admin, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(fieldErrors(missing)).containsExactly("atom_signatures: is required");
        Http.Response wrong = http.send("PATCH", "/v1/project-settings?project=fields", admin, "application/json",
                "{\"atom_signatures\":\"sometimes\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(fieldErrors(wrong)).containsExactly("atom_signatures: must be 'enforce' or 'record'");
        Http.Response unknown = http.send("PUT", "/v1/project-settings?project=fields", admin, "application/json",
                "{\"atom_signatures\":\"record\",\"turns\":\"fast\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(fieldErrors(unknown)).containsExactly("turns: unknown field");
        assertThat(http.get("/v1/project-settings?project=fields", admin).json().path("atom_signatures").asText())
                .isEqualTo("enforce");
    }

    @Test
    void aPlatformSecretRotation_namesEveryBadField() {
        assertThat(fieldErrors(http.post("/v1/platforms/plt_missing/rotate-secret", admin,
                "{\"secret\":\"password\",\"grace_seconds\":-1}")))
                .containsExactly("secret: must be api_key, signing_secret or webhook_secret",
                        "grace_seconds: must be from 0 to 604800");
        assertThat(fieldErrors(http.post("/v1/platforms/plt_missing/rotate-secret", admin,
                "{\"secret\":\"api_key\",\"grace_seconds\":60}")))
                .containsExactly("grace_seconds: applies to webhook_secret only");
        assertThat(fieldErrors(http.post("/v1/platforms/plt_missing/rotate-secret", admin, "{}")))
                .containsExactly("secret: is required");
    }

    @Test
    void anApiKeyRequest_namesEveryBadField() {
        assertThat(fieldErrors(http.post("/v1/api-keys", admin, "{\"name\":\"no spaces\"}"))).containsExactly(
                "project: is required",
                "name: must be 1 to 100 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
    }

    @Test
    void aPrincipalsAnchor_namesEveryBadMember() {
        String key = new String(RatifyJson.encode(HybridKeyPair.generate(new SecureRandom()).publicKey()),
                StandardCharsets.UTF_8);
        assertThat(fieldErrors(http.post("/v1/ratify/principals", admin, "{\"public_key\":" + key
                + ",\"anchor\":{\"type\":\"passport\",\"provider\":\"\",\"reference\":\"r\"}}")))
                .containsExactly("anchor.type: must be email, enterprise_sso or government_id",
                        "anchor.provider: is required (at most 100 characters)",
                        "anchor.verified_at: is required (unix seconds)");
    }

    @Test
    void aVerificationRequest_namesEveryBadMember_andUndecodableBytesAre400() {
        assertThat(fieldErrors(http.post("/v1/ratify/verify", admin, """
                {"session_context":"AAAA","receipt_prev_hash":"AAAA","context":{"lat":1.5,"path":"/a"}}""")))
                .containsExactly("proof_bundle: is required", "session_context: must be 32 bytes, got 3",
                        "receipt_prev_hash: needs \"receipt\": true", "receipt_prev_hash: must be 32 bytes, got 3",
                        "context.lat: lat and lon go together", "context.path: needs context.resource_id");
        assertUnreadable(http.post("/v1/ratify/verify", admin, "{\"proof_bundle\":\"not base64!\",\"session_context\":\"AAAA\"}"));
        assertUnreadable(http.post("/v1/ratify/verify", admin, "{\"proof_bundle\":\"e30=\"}"));
    }

    @Test
    void aBodyThatIsNotReadableJson_is400_whateverTheEndpoint() {
        int policies = count("policies");
        assertUnreadable(http.post("/v1/policies?project=fields", admin, "{\"name\":\"x\",\"policy_json\":{"));
        assertUnreadable(http.post("/v1/policies?project=fields", admin, "[]"));
        assertUnreadable(http.post("/v1/sidecar-keys?project=fields", admin, "{\"key_id\":\"a\",\"key_id\":\"b\"}"));
        assertUnreadable(http.send("PUT", "/v1/project-settings?project=fields", admin, "application/json",
                "{\"atom_signatures\":\"record\"} trailing".getBytes(StandardCharsets.UTF_8)));
        assertThat(count("policies")).isEqualTo(policies);
    }
}
