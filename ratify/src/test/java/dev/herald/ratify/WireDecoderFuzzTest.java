package dev.herald.ratify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.ratify.internal.CanonicalJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the strict wire decoder (docs/fuzzing.md). Every input goes to every
 * public decoder. The contract: a decoder returns a record or throws {@link RatifyDecodeException},
 * nothing else; what it returns encodes, and the encoding decodes again to the same wire bytes; a
 * verifier handed the bytes returns a result and never throws. Without {@code JAZZER_FUZZ} the
 * build runs the committed seeds in {@code WireDecoderFuzzTestInputs/}.
 */
class WireDecoderFuzzTest {
    /** A decoder and the encoder of what it returns. */
    private record Codec<T>(String name, Function<byte[], T> decode, Function<T, byte[]> encode) {
        void check(byte[] input) {
            T value;
            try {
                value = decode.apply(input);
            } catch (RatifyDecodeException refused) {
                assertThat(refused.path()).as(name + " path").startsWith("$");
                return;
            }
            byte[] wire = encode.apply(value);
            T again = decode.apply(wire);
            assertThat(encode.apply(again)).as(name + " re-encoding").isEqualTo(wire);
        }
    }

    private static final List<Codec<?>> CODECS = List.of(
            new Codec<>("proof bundle", RatifyJson::decodeProofBundle, RatifyJson::encode),
            new Codec<>("delegation cert", RatifyJson::decodeDelegationCert, RatifyJson::encode),
            new Codec<>("revocation list", RatifyJson::decodeRevocationList, RatifyJson::encode),
            new Codec<>("revocation push", RatifyJson::decodeRevocationPush, RatifyJson::encode),
            new Codec<>("session token", RatifyJson::decodeSessionToken, RatifyJson::encode),
            new Codec<>("streamed turn", RatifyJson::decodeStreamedTurn, RatifyJson::encode),
            new Codec<>("witness entry", RatifyJson::decodeWitnessEntry, RatifyJson::encode),
            new Codec<>("key rotation", RatifyJson::decodeKeyRotation, RatifyJson::encode),
            new Codec<>("transaction receipt", RatifyJson::decodeTransactionReceipt, RatifyJson::encode),
            new Codec<>("public key", RatifyJson::decodePublicKey, RatifyJson::encode),
            new Codec<>("constraint", RatifyJson::decodeConstraint, WireDecoderFuzzTest::encodeConstraint),
            new Codec<>("key pair file", RatifyJson::decodeKeyPairFile, RatifyJson::encode));

    private static final Verifier VERIFIER = Verifier.sequential();
    private static final VerifyOptions OPTIONS = TestKit.opts().build();

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({"\\ud800", "\\udc00", "\\u0000", "-0", "-0.0", "1e400", "9007199254740993", "\"params\":{",
            "\"path_prefix\":\"\"", "\"stream_id\":", "\"session_context\":", "\"type\":\"geo_polygon\""})
    void decodersReturnARecordOrRefuseWithTheirOwnException(byte[] input) {
        for (Codec<?> codec : CODECS) {
            codec.check(input);
        }
        VerifyResult result = VERIFIER.verifyWire(input, OPTIONS);
        assertThat(result.valid()).isEqualTo(result.reason() == null);
    }

    /** The shared conformance fixtures (read where they lie, never copied) hold the same contract. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceDocuments")
    void referenceFixturesHoldTheSameContract(String name, byte[] document) {
        decodersReturnARecordOrRefuseWithTheirOwnException(document);
    }

    static Stream<Arguments> referenceDocuments() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Arguments> documents = new ArrayList<>();
        for (Path file : Fixtures.all()) {
            JsonNode fixture = mapper.readTree(file.toFile());
            String name = file.getFileName().toString();
            documents.add(Arguments.of(name + " bundle", mapper.writeValueAsBytes(fixture.get("bundle"))));
            for (int i = 0; i < fixture.path("cert_chain").size(); i++) {
                documents.add(Arguments.of(name + " cert " + i, mapper.writeValueAsBytes(fixture.get("cert_chain").get(i))));
            }
        }
        return documents.stream();
    }

    private static byte[] encodeConstraint(Constraint c) {
        return CanonicalJson.encode(WireMaps.constraint(c));
    }
}
