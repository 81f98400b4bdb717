package dev.herald.ratify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per rejection class of the strict wire decoder. */
class WireDecoderTest {
    private static final ProofBundle BUNDLE =
            TestKit.bundle(List.of(TestKit.rootToAgent(List.of("meeting:attend"), List.of())),
                    TestKit.AGENT);
    private static final String JSON = new String(RatifyJson.encode(BUNDLE), StandardCharsets.UTF_8);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static RatifyDecodeException reject(String json) {
        return reject(b(json));
    }

    private static RatifyDecodeException reject(byte[] json) {
        try {
            RatifyJson.decodeProofBundle(json);
        } catch (RatifyDecodeException e) {
            return e;
        }
        throw new AssertionError("decoder accepted a defective document");
    }

    @Test
    void acceptsItsOwnEncodingAndRoundTripsByteForByte() {
        ProofBundle decoded = RatifyJson.decodeProofBundle(b(JSON));
        assertThat(decoded).isEqualTo(BUNDLE);
        assertThat(RatifyJson.encode(decoded)).isEqualTo(b(JSON));
    }

    @Test
    void rejectsDuplicateKeys() {
        String dup = JSON.replaceFirst("\\{\"agent_id\":", "{\"challenge_at\":1,\"agent_id\":");
        assertThat(reject(dup).defect()).contains("Duplicate field");
    }

    @Test
    void rejectsUnknownFieldInBundle() {
        RatifyDecodeException e = reject(JSON.replaceFirst("\\{", "{\"extra\":true,"));
        assertThat(e.path()).isEqualTo("$.extra");
        assertThat(e.defect()).isEqualTo("unknown field");
    }

    @Test
    void rejectsUnknownFieldInsideSignedCert() {
        RatifyDecodeException e = reject(JSON.replace("\"cert_id\":", "\"note\":\"x\",\"cert_id\":"));
        assertThat(e.path()).isEqualTo("$.delegations[0].note");
    }

    @Test
    void rejectsIntegerOutsideSafeRange() {
        String big = JSON.replaceFirst("\"challenge_at\":\\d+", "\"challenge_at\":9007199254740992");
        RatifyDecodeException e = reject(big);
        assertThat(e.path()).isEqualTo("$.challenge_at");
        assertThat(e.defect()).contains("safe range");
    }

    @Test
    void rejectsFractionOnIntegerField() {
        RatifyDecodeException e = reject(JSON.replaceFirst("\"challenge_at\":(\\d+)",
                "\"challenge_at\":$1.0"));
        assertThat(e.defect()).contains("fraction or exponent");
    }

    @Test
    void rejectsExponentOnIntegerField() {
        RatifyDecodeException e = reject(JSON.replaceFirst("\"challenge_at\":\\d+",
                "\"challenge_at\":18e8"));
        assertThat(e.path()).isEqualTo("$.challenge_at");
    }

    @Test
    void rejectsLeadingZero() {
        RatifyDecodeException e = reject(JSON.replaceFirst("\"challenge_at\":", "\"challenge_at\":0"));
        assertThat(e.defect()).containsIgnoringCase("leading zero");
    }

    @Test
    void rejectsBase64WithoutPadding() {
        String c = BUNDLE.challenge().toBase64();
        assertThat(c).endsWith("=");
        RatifyDecodeException e = reject(JSON.replace(c, c.replace("=", "")));
        assertThat(e.path()).isEqualTo("$.challenge");
    }

    @Test
    void rejectsBase64WithNonZeroUnusedBits() {
        String c = BUNDLE.challenge().toBase64(); // 32 bytes: 43 chars + "=", last char has 2 spare bits
        char last = c.charAt(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        char tweaked = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String bad = c.substring(0, 42) + tweaked + "=";
        RatifyDecodeException e = reject(JSON.replace(c, bad));
        assertThat(e.defect()).contains("non-canonical base64");
    }

    @Test
    void rejectsWhitespaceInsideBase64() {
        String c = BUNDLE.challenge().toBase64();
        RatifyDecodeException e = reject(JSON.replace(c, c.substring(0, 8) + " " + c.substring(8)));
        assertThat(e.path()).isEqualTo("$.challenge");
    }

    @Test
    void rejectsTrailingContent() {
        assertThat(reject(JSON + " {}").defect()).contains("malformed JSON");
    }

    @Test
    void rejectsMalformedUtf8() {
        byte[] raw = b(JSON.replace("\"cert_id\":\"", "\"cert_id\":\"\u0001"));
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0x01) {
                raw[i] = (byte) 0xC3; // lead byte without continuation
            }
        }
        // The \u0001 was escaped by no one: put the raw invalid byte into the string.
        assertThat(reject(raw).defect()).isEqualTo("malformed UTF-8");
    }

    @Test
    void rejectsEscapedLoneSurrogateInAnyString() {
        String lone = "\\" + "ud800";
        RatifyDecodeException inCert = reject(JSON.replace("\"cert_id\":\"", "\"cert_id\":\"" + lone));
        assertThat(inCert.path()).isEqualTo("$.delegations[0].cert_id");
        assertThat(inCert.defect()).startsWith("unpaired UTF-16 surrogate");
        String tz = "{\"end\":\"17:30\",\"start\":\"09:00\",\"type\":\"time_window\",\"tz\":\"" + "\\" + "udc00\"}";
        assertThatThrownBy(() -> RatifyJson.decodeConstraint(b(tz))).isInstanceOf(RatifyDecodeException.class)
                .hasMessageContaining("$.tz");
        String pair = "\\" + "ud83d" + "\\" + "ude00";
        assertThat(RatifyJson.decodeProofBundle(b(JSON.replace("\"agent_id\":\"", "\"agent_id\":\"" + pair))).agentId())
                .startsWith("\uD83D\uDE00");
    }

    @Test
    void rejectsByteOrderMark() {
        byte[] body = b(JSON);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertThat(reject(withBom).defect()).contains("byte order mark");
    }

    @Test
    void rejectsOversizedBundleBeforeParsing() {
        byte[] huge = new byte[Ratify.MAX_PROOF_BUNDLE_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) '['); // would blow nesting limits if it were parsed
        assertThat(reject(huge).defect()).contains("exceeding the limit of 131072 bytes");
    }

    @Test
    void rejectsExcessiveNesting() {
        String nested = JSON.replaceFirst("\\{", "{\"x\":" + "[".repeat(20) + "]".repeat(20) + ",");
        assertThat(reject(nested).defect()).containsIgnoringCase("nesting depth");
    }

    @Test
    void rejectsWrongKeyLength() {
        String ed = TestKit.AGENT.publicKey().ed25519().toBase64();
        String shorter = Bytes.of(new byte[31]).toBase64();
        RatifyDecodeException e = reject(JSON.replaceFirst(java.util.regex.Pattern.quote(ed), shorter));
        assertThat(e.path()).isEqualTo("$.agent_pub_key");
        assertThat(e.defect()).contains("must be 32 bytes");
    }

    @Test
    void rejectsWrongSignatureLength() {
        String sig = BUNDLE.challengeSig().ed25519().toBase64();
        RatifyDecodeException e = reject(JSON.replace(sig, Bytes.of(new byte[63]).toBase64()));
        assertThat(e.path()).isEqualTo("$.challenge_sig");
    }

    @Test
    void rejectsEmptyChain() {
        // Keys are sorted, so "delegations" is the last member of the bundle object.
        int start = JSON.indexOf("\"delegations\":[") + "\"delegations\":".length();
        String empty = JSON.substring(0, start) + "[]}";
        assertThat(reject(empty).defect()).contains("delegation chain is empty");
    }

    @Test
    void rejectsChainDeeperThanTheSpecLimitAsChainTooDeep() {
        int start = JSON.indexOf("\"delegations\":[") + "\"delegations\":[".length();
        int end = JSON.length() - 2;
        String cert = JSON.substring(start, end);
        String nine = String.join(",", java.util.Collections.nCopies(9, cert));
        String deep = JSON.substring(0, start) + nine + JSON.substring(end);
        RatifyDecodeException e = reject(deep);
        assertThat(e.defect()).contains("MAX_DELEGATION_CHAIN_DEPTH");
        VerifyResult r = Verifier.sequential().verifyWire(b(deep), TestKit.opts().build());
        assertThat(r.reason()).isEqualTo(FailureReason.CHAIN_TOO_DEEP);
    }

    @Test
    void rejectsParamsOnCanonicalConstraint() {
        String withCons = JSON.replace("\"constraints\":[]",
                "\"constraints\":[{\"max_mps\":3,\"params\":{},\"type\":\"max_speed_mps\"}]");
        assertThat(reject(withCons).path()).isEqualTo("$.delegations[0].constraints[0].params");
    }

    @Test
    void rejectsFloatInsideExtensionParams() {
        String withCons = JSON.replace("\"constraints\":[]",
                "\"constraints\":[{\"params\":{\"x\":1.5},\"type\":\"com.example.x\"}]");
        assertThat(reject(withCons).path()).isEqualTo("$.delegations[0].constraints[0].params.x");
    }

    @Test
    void rejectsEmptyPathPrefix() {
        String withCons = JSON.replace("\"constraints\":[]",
                "\"constraints\":[{\"path_prefix\":\"\",\"resource_id\":\"r\",\"type\":\"resource_path\"}]");
        assertThat(reject(withCons).path())
                .isEqualTo("$.delegations[0].constraints[0].path_prefix");
    }

    @Test
    void rejectsStreamSeqWithoutStreamId() {
        assertThat(reject(JSON.replaceFirst("\\{", "{\"stream_seq\":1,")).defect())
                .contains("present together");
    }

    @Test
    void decodeFailureBecomesInvalidVerifyResult() {
        VerifyResult r = Verifier.sequential().verifyWire(b("{"), TestKit.opts().build());
        assertThat(r.identityStatus()).isEqualTo(IdentityStatus.INVALID);
        assertThat(r.errorReason()).startsWith("invalid: $");
    }

    @Test
    void sessionTokenDecoderRejectsUnknownFields() {
        assertThatThrownBy(() -> RatifyJson.decodeSessionToken(b("{\"version\":1,\"x\":1}")))
                .isInstanceOf(RatifyDecodeException.class);
    }
}
