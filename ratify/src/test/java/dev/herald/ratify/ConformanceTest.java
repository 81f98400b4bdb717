package dev.herald.ratify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every fixture in testvectors/v1 exactly as SPEC 14 prescribes for its kind. Bundles and
 * documents go through the strict wire decoder, and verify fixtures run through both the
 * sequential and the parallel verifier, which must agree byte for byte.
 */
class ConformanceTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> fixtures() {
        return Fixtures.all().stream()
                .map(p -> Arguments.of(p.getFileName().toString().replace(".json", ""), p));
    }

    @Test
    void fixtureDirectoryHoldsTheWholeConformanceSet() {
        assertThat(Fixtures.all()).hasSizeGreaterThanOrEqualTo(Fixtures.EXPECTED_COUNT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixture(String name, Path file) throws Exception {
        JsonNode fx = M.readTree(Files.readAllBytes(file));
        assertThat(fx.get("protocol_version").asInt()).isEqualTo(1);
        switch (fx.get("kind").asText()) {
            case "verify" -> runVerify(fx);
            case "scope" -> runScope(fx);
            case "revocation" -> runRevocation(fx);
            case "key_rotation" -> runKeyRotation(fx);
            case "session_token" -> runSessionToken(fx);
            case "transaction_receipt" -> runReceipt(fx);
            case "revocation_push" -> runRevocationPush(fx);
            case "witness_entry" -> runWitness(fx);
            default -> fail("unknown fixture kind " + fx.get("kind"));
        }
    }

    private static byte[] bytes(JsonNode n) throws Exception {
        return M.writeValueAsBytes(n);
    }

    private static Clock at(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    private static HybridPublicKey entityKey(JsonNode fx, int i) throws Exception {
        return RatifyJson.decodePublicKey(bytes(fx.get("entities").get(i).get("public_key")));
    }

    private static void runVerify(JsonNode fx) throws Exception {
        JsonNode exp = fx.get("expected");
        JsonNode chain = fx.get("cert_chain");
        assertThat(chain.size()).isEqualTo(exp.get("delegation_sign_bytes_hex").size());
        for (int i = 0; i < chain.size(); i++) {
            DelegationCert cert = RatifyJson.decodeDelegationCert(bytes(chain.get(i)));
            assertThat(HEX.formatHex(SignableBytes.delegation(cert)))
                    .as("delegation sign bytes of cert %d", i)
                    .isEqualTo(exp.get("delegation_sign_bytes_hex").get(i).asText());
        }
        byte[] wire = bytes(fx.get("bundle"));
        JsonNode opt = exp.get("verify_options");
        VerifyOptions.Builder ob = VerifyOptions.builder(at(opt.get("now").asLong()));
        if (opt.has("required_scope")) {
            ob.requiredScope(opt.get("required_scope").asText());
        }
        if (opt.has("session_context")) {
            ob.sessionContext(Bytes.fromBase64(opt.get("session_context").asText()));
        }
        if (opt.has("stream")) {
            JsonNode s = opt.get("stream");
            ob.stream(new StreamContext(Bytes.fromBase64(s.get("stream_id").asText()),
                    s.get("last_seen_seq").asLong()));
        }
        JsonNode want = exp.get("verify_result");
        JsonNode delegations = fx.get("bundle").get("delegations");
        // SPEC 14 leaves the revocation source to the harness: the reference suites revoke the
        // intermediate cert of the fixture whose expected status is "revoked".
        if ("revoked".equals(want.get("identity_status").asText()) && delegations.size() > 1) {
            String revoked = delegations.get(1).get("cert_id").asText();
            ob.revocation(id -> id.equals(revoked));
        }
        if (fx.has("verifier_context")) {
            ob.context(context(fx.get("verifier_context")));
        }
        VerifyOptions opts = ob.build();

        ProofBundle bundle = null;
        try {
            bundle = RatifyJson.decodeProofBundle(wire);
        } catch (RatifyDecodeException e) {
            // Only the over-deep chain fixture may be stopped by the decoder's named limit.
            assertThat(want.get("error_reason").asText()).startsWith("chain_too_deep");
        }
        if (bundle != null && exp.has("challenge_sign_bytes_hex")) {
            assertThat(HEX.formatHex(bundle.challengeSignableBytes()))
                    .isEqualTo(exp.get("challenge_sign_bytes_hex").asText());
            assertThat(RatifyJson.encode(bundle)).as("re-encoding is canonical and stable")
                    .isEqualTo(RatifyJson.encode(RatifyJson.decodeProofBundle(RatifyJson.encode(bundle))));
        }
        for (Verifier v : List.of(Verifier.sequential(), Verifier.parallel())) {
            VerifyResult got = v.verifyWire(wire, opts);
            assertResult(got, want);
            VerifyOptions cached = VerifyOptions.builder(opts.clock()).requiredScope(opts.requiredScope())
                    .revocation(opts.revocation()).sessionContext(opts.sessionContext())
                    .stream(opts.stream()).context(opts.context()).signatureCache(new SignatureCache(64))
                    .build();
            // Twice with one cache: the second run takes the cache path for every good cert.
            assertResult(v.verifyWire(wire, cached), want);
            assertResult(v.verifyWire(wire, cached), want);
        }
    }

    private static VerifierContext context(JsonNode c) {
        VerifierContext.Builder b = VerifierContext.builder();
        if (c.has("current_lat") && c.has("current_lon")) {
            b.location(c.get("current_lat").asDouble(), c.get("current_lon").asDouble());
        }
        if (c.has("current_alt_m")) {
            b.altitudeM(c.get("current_alt_m").asDouble());
        }
        if (c.has("current_speed_mps")) {
            b.speedMps(c.get("current_speed_mps").asDouble());
        }
        if (c.has("requested_amount")) {
            b.amount(c.get("requested_amount").asDouble(),
                    c.has("requested_currency") ? c.get("requested_currency").asText() : "");
        }
        if (c.has("invocations_in_window_count")) {
            long n = c.get("invocations_in_window_count").asLong();
            b.invocationCounter((certId, window) -> n);
        }
        if (c.has("requested_resource_id") && !c.get("requested_resource_id").asText().isEmpty()) {
            b.resource(c.get("requested_resource_id").asText(),
                    c.has("requested_path") ? c.get("requested_path").asText() : "");
        }
        return b.build();
    }

    private static void assertResult(VerifyResult got, JsonNode want) {
        assertThat(got.valid()).as("valid (%s)", got.errorReason())
                .isEqualTo(want.get("valid").asBoolean());
        assertThat(got.identityStatus().wire()).isEqualTo(want.get("identity_status").asText());
        assertThat(nz(got.humanId())).isEqualTo(text(want, "human_id"));
        assertThat(nz(got.agentId())).isEqualTo(text(want, "agent_id"));
        assertThat(nz(got.errorReason())).isEqualTo(text(want, "error_reason"));
        List<String> wantScope = new ArrayList<>();
        if (want.has("granted_scope")) {
            want.get("granted_scope").forEach(s -> wantScope.add(s.asText()));
        }
        assertThat(new TreeSet<>(got.grantedScope())).isEqualTo(new TreeSet<>(wantScope));
        if (!got.valid() && got.reason() != FailureReason.EXPIRED
                && got.reason() != FailureReason.REVOKED) {
            // expired and revoked keep the reference implementation's plain sentences.
            assertThat(got.errorReason()).startsWith(got.reason().code() + ": ");
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String text(JsonNode n, String f) {
        return n.has(f) ? n.get(f).asText() : "";
    }

    private static void runScope(JsonNode fx) {
        List<String> in = new ArrayList<>();
        fx.get("scope_input").forEach(s -> in.add(s.asText()));
        List<String> want = new ArrayList<>();
        fx.get("expected").get("expanded_scopes").forEach(s -> want.add(s.asText()));
        assertThat(Scopes.expand(in)).isEqualTo(new ArrayList<>(new TreeSet<>(want)));
    }

    private static void runRevocation(JsonNode fx) throws Exception {
        RevocationList list = RatifyJson.decodeRevocationList(bytes(fx.get("revocation_list")));
        JsonNode exp = fx.get("expected");
        assertThat(HEX.formatHex(list.signableBytes()))
                .isEqualTo(exp.get("revocation_sign_bytes_hex").asText());
        assertThat(list.signature().ed25519().toHex())
                .isEqualTo(exp.get("revocation_signature_ed25519_hex").asText());
        Documents.verifyRevocationList(list, entityKey(fx, 0));
    }

    private static void runRevocationPush(JsonNode fx) throws Exception {
        RevocationPush push = RatifyJson.decodeRevocationPush(bytes(fx.get("revocation_push")));
        JsonNode exp = fx.get("expected");
        assertThat(HEX.formatHex(push.signableBytes()))
                .isEqualTo(exp.get("revocation_push_sign_bytes_hex").asText());
        assertThat(push.signature().mlDsa65().toHex())
                .isEqualTo(exp.get("revocation_push_signature_ml_dsa_65_hex").asText());
        Documents.verifyRevocationPush(push, entityKey(fx, 0));
    }

    private static void runWitness(JsonNode fx) throws Exception {
        WitnessEntry w = RatifyJson.decodeWitnessEntry(bytes(fx.get("witness_entry")));
        JsonNode exp = fx.get("expected");
        assertThat(HEX.formatHex(w.signableBytes()))
                .isEqualTo(exp.get("witness_entry_sign_bytes_hex").asText());
        assertThat(w.signature().ed25519().toHex())
                .isEqualTo(exp.get("witness_entry_signature_ed25519_hex").asText());
        Documents.verifyWitnessEntry(w, entityKey(fx, 0));
    }

    private static void runKeyRotation(JsonNode fx) throws Exception {
        KeyRotationStatement s = RatifyJson.decodeKeyRotation(bytes(fx.get("key_rotation")));
        JsonNode exp = fx.get("expected");
        assertThat(HEX.formatHex(s.signableBytes()))
                .isEqualTo(exp.get("key_rotation_sign_bytes_hex").asText());
        if (exp.get("key_rotation_verify_ok").asBoolean()) {
            Documents.verifyKeyRotation(s);
        } else {
            assertThatThrownBy(() -> Documents.verifyKeyRotation(s))
                    .hasMessage(exp.get("key_rotation_error_reason").asText());
        }
    }

    private static void runSessionToken(JsonNode fx) throws Exception {
        JsonNode st = fx.get("session_token");
        JsonNode exp = fx.get("expected");
        SessionToken token = RatifyJson.decodeSessionToken(bytes(st.get("token")));
        assertThat(HEX.formatHex(token.signableBytes()))
                .isEqualTo(exp.get("session_token_sign_bytes_hex").asText());
        assertThat(token.mac().toHex()).isEqualTo(exp.get("session_token_mac_hex").asText());
        Bytes secret = Bytes.fromHex(st.get("session_secret_hex").asText());
        StreamedTurn turn = StreamedTurn.unbound(Bytes.fromBase64(st.get("challenge").asText()),
                st.get("challenge_at").asLong(),
                RatifyJson.decodeSignature(bytes(st.get("challenge_sig"))));
        StreamedVerifyOptions opts = StreamedVerifyOptions.of(at(st.get("verify_now").asLong()));
        for (SessionTokens v : List.of(SessionTokens.sequential(), SessionTokens.create())) {
            assertResult(v.verifyTurn(token, secret, turn, opts), exp.get("streamed_turn"));
        }
    }

    private static void runReceipt(JsonNode fx) throws Exception {
        TransactionReceipt r = RatifyJson.decodeTransactionReceipt(bytes(fx.get("transaction_receipt")));
        JsonNode exp = fx.get("expected");
        assertThat(HEX.formatHex(r.signableBytes())).isEqualTo(exp.get("receipt_sign_bytes_hex").asText());
        Documents.ReceiptResult res = Documents.verifyTransactionReceipt(r, Verifier.create(),
                at(fx.get("timestamps").get("verifier_now").asLong()));
        assertThat(res.valid()).as("receipt valid (%s)", res.errorReason())
                .isEqualTo(exp.get("receipt_valid").asBoolean());
        assertThat(nz(res.errorReason())).isEqualTo(text(exp, "receipt_error_reason"));
    }
}
