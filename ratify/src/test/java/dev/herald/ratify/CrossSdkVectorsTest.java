package dev.herald.ratify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared cross-SDK vectors (testvectors/cross-sdk): bundle hash, verifier-context hash and
 * the signable bytes of policy verdicts and verification receipts, each produced through the
 * public API and compared byte for byte.
 */
class CrossSdkVectorsTest {
    private static final ObjectMapper M = new ObjectMapper();

    static List<JsonNode> vectors() throws Exception {
        JsonNode doc = M.readTree(Files.readAllBytes(Fixtures.crossSdkVectors()));
        List<JsonNode> out = new ArrayList<>();
        doc.get("vectors").forEach(out::add);
        return out;
    }

    static Stream<Arguments> cases() throws Exception {
        return vectors().stream().map(v -> Arguments.of(v.get("name").asText(), v));
    }

    @Test
    void vectorFileHoldsEveryCase() throws Exception {
        List<JsonNode> all = vectors();
        assertThat(all).hasSizeGreaterThanOrEqualTo(Fixtures.CROSS_SDK_EXPECTED_COUNT);
        assertThat(all.stream().map(v -> v.get("kind").asText()).distinct())
                .containsExactlyInAnyOrder("verifier_context_hash", "bundle_hash",
                        "policy_verdict_sign_bytes", "verification_receipt_sign_bytes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void producesTheSharedBytes(String name, JsonNode v) throws Exception {
        JsonNode in = v.get("input");
        switch (v.get("kind").asText()) {
            case "verifier_context_hash" -> assertThat(
                    PolicyVerdicts.verifierContextHash(context(in)).toHex())
                    .isEqualTo(v.get("expected_hash_hex").asText());
            case "bundle_hash" -> {
                ProofBundle bundle = RatifyJson.decodeProofBundle(M.writeValueAsBytes(in.get("bundle")));
                assertThat(VerificationReceipts.bundleHash(bundle).toHex())
                        .isEqualTo(v.get("expected_hash_hex").asText());
            }
            case "policy_verdict_sign_bytes" -> assertBytes(SignableBytes.policyVerdict(verdict(in)), v);
            case "verification_receipt_sign_bytes" ->
                    assertBytes(SignableBytes.verificationReceipt(receipt(in)), v);
            default -> fail("unknown cross-SDK vector kind " + v.get("kind"));
        }
    }

    private static void assertBytes(byte[] actual, JsonNode v) {
        byte[] expected = Base64.getDecoder().decode(v.get("expected_bytes_b64").asText());
        assertThat(new String(actual, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(actual).isEqualTo(expected);
    }

    private static VerifierContext context(JsonNode in) {
        return new VerifierContext(in.get("has_location").asBoolean(), in.get("current_lat").asDouble(),
                in.get("current_lon").asDouble(), in.get("current_alt_m").asDouble(),
                in.get("has_speed").asBoolean(), in.get("current_speed_mps").asDouble(),
                in.get("has_amount").asBoolean(), in.get("requested_amount").asDouble(),
                in.get("requested_currency").asText(), null, false, "", "");
    }

    private static PolicyVerdict verdict(JsonNode in) {
        return new PolicyVerdict(in.get("version").asInt(), in.get("verdict_id").asText(),
                in.get("agent_id").asText(), in.get("scope").asText(), in.get("allow").asBoolean(),
                Bytes.fromHex(in.get("context_hash_hex").asText()), in.get("issued_at").asLong(),
                in.get("valid_until").asLong(), Bytes.empty());
    }

    private static VerificationReceipt receipt(JsonNode in) throws Exception {
        List<String> scope = new ArrayList<>();
        if (in.has("granted_scope")) {
            in.get("granted_scope").forEach(s -> scope.add(s.asText()));
        }
        return new VerificationReceipt(in.get("version").asInt(),
                Bytes.fromHex(in.get("bundle_hash_hex").asText()),
                IdentityStatus.fromWire(in.get("decision").asText()), text(in, "error_reason"), scope,
                text(in, "human_id"), text(in, "agent_id"), Bytes.fromHex(in.get("prev_hash_hex").asText()),
                in.get("verified_at").asLong(), in.get("verifier_id").asText(),
                RatifyJson.decodePublicKey(M.writeValueAsBytes(in.get("verifier_pub"))), null);
    }

    private static String text(JsonNode in, String field) {
        return in.has(field) ? in.get(field).asText() : null;
    }
}
