package dev.herald.ratify;

import dev.herald.ratify.internal.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the committed seed corpus of {@link WireDecoderFuzzTest} from real signed documents made
 * with this SDK's own API (deterministic keys and randomness, so rewriting gives the same files),
 * plus near-valid variants. Runs only on request:
 * {@code ./mvnw -pl ratify test -Dtest=WireSeeds -Dherald.fuzz.writeSeeds=true}.
 */
@EnabledIfSystemProperty(named = "herald.fuzz.writeSeeds", matches = "true")
class WireSeeds {
    private final Issuer issuer = TestKit.issuer();

    @Test
    void writeWireDecoderSeeds() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        List<Constraint> constraints = List.of(
                new Constraint.GeoCircle(52.52, 13.405, 2500.5),
                new Constraint.GeoPolygon(List.of(new Constraint.LatLon(0, 0), new Constraint.LatLon(0, 1),
                        new Constraint.LatLon(1, 1))),
                new Constraint.GeoBbox(-10, 170, 10, -170, 1, 9000),
                new Constraint.TimeWindow("09:00", "17:30", "Europe/Berlin"),
                new Constraint.MaxSpeedMps(12.5),
                new Constraint.MaxAmount(100.25, "EUR"),
                new Constraint.MaxRate(10, 60),
                new Constraint.ResourcePath("crm", "/leads/"));
        DelegationCert rootToSub = issuer.delegate(TestKit.ROOT, TestKit.SUB.publicKey(),
                List.of("meeting:attend", "meeting:speak"), constraints, Duration.ofHours(8));
        DelegationCert subToAgent = issuer.delegate(TestKit.SUB, TestKit.AGENT.publicKey(),
                List.of("meeting:speak"), List.of(), null);
        DelegationCert rootToAgent = TestKit.rootToAgent(List.of("meeting:attend"), List.of());
        Bytes session = Bytes.wrap(new byte[32]);
        Bytes stream = issuer.newChallenge();

        ProofBundle plain = TestKit.bundle(List.of(rootToAgent), TestKit.AGENT);
        ProofBundle bound = issuer.present(TestKit.AGENT, List.of(subToAgent, rootToSub), issuer.newChallenge(),
                Issuer.Binding.stream(session, stream, 3));
        seeds.put("bundle-one-cert", RatifyJson.encode(plain));
        seeds.put("bundle-chain-stream-bound", RatifyJson.encode(bound));
        seeds.put("cert-every-constraint", RatifyJson.encode(rootToSub));
        seeds.put("cert-no-expiry", RatifyJson.encode(subToAgent));
        seeds.put("revocation-list", RatifyJson.encode(issuer.signRevocationList(TestKit.ROOT,
                List.of(rootToAgent.certId(), "cert-revoked-2"))));
        seeds.put("revocation-push", RatifyJson.encode(issuer.signRevocationPush(TestKit.ROOT, 7,
                List.of(rootToSub.certId()))));
        VerifyResult verified = Verifier.sequential().verify(plain, TestKit.opts().build());
        seeds.put("session-token", RatifyJson.encode(SessionTokens.issue(plain, verified, "call-42", TestKit.NOW,
                TestKit.NOW + 900, issuer.newChallenge())));
        seeds.put("streamed-turn", RatifyJson.encode(issuer.presentTurn(TestKit.AGENT, issuer.newChallenge(),
                Issuer.Binding.stream(session, stream, 4))));
        seeds.put("witness-entry", RatifyJson.encode(issuer.signWitnessEntry(TestKit.SUB, "witness-1",
                Bytes.wrap(new byte[32]), Bytes.wrap("entry".getBytes(StandardCharsets.UTF_8)))));
        seeds.put("key-rotation", RatifyJson.encode(issuer.rotate(TestKit.SUB, TestKit.key(4), "scheduled")));
        seeds.put("public-key", RatifyJson.encode(TestKit.AGENT.publicKey()));
        seeds.put("key-pair-file", RatifyJson.encode(KeyPairFile.agent(TestKit.key(5), "Ada", "voice_agent",
                TestKit.NOW)));
        for (Constraint c : constraints) {
            seeds.put("constraint-" + c.type(), CanonicalJson.encode(WireMaps.constraint(c)));
        }
        seeds.put("constraint-extension", ascii("{\"params\":{\"a\":[1,true,null,\"x\",{\"b\":-2}]},"
                + "\"type\":\"x-vendor\"}"));

        // Near-valid: one defect each, so the fuzzer starts next to the refusal paths.
        String bundle = new String(RatifyJson.encode(plain), StandardCharsets.UTF_8);
        seeds.put("near-bundle-unknown-field", ascii(bundle.replaceFirst("\\{", "{\"extra\":1,")));
        seeds.put("near-bundle-fraction-time", ascii(bundle.replaceFirst("\"challenge_at\":(\\d+)",
                "\"challenge_at\":$1.5")));
        seeds.put("near-bundle-base64-unpadded", ascii(bundle.replaceFirst("\"challenge\":\"([^\"=]*)=*\"",
                "\"challenge\":\"$1\"")));
        seeds.put("near-bundle-no-delegations", ascii(bundle.substring(0, bundle.indexOf("\"delegations\":"))
                + "\"delegations\":[]}"));
        seeds.put("near-cert-escaped-strings", ascii(new String(RatifyJson.encode(subToAgent),
                StandardCharsets.UTF_8).replaceFirst("\"cert_id\":\"", "\"cert_id\":\"\\\\u00e9\\\\n\\\\ud83d\\\\ude00")));
        seeds.put("near-duplicate-key", ascii("{\"type\":\"max_rate\",\"count\":1,\"count\":2,\"window_s\":1}"));
        seeds.put("near-deep-nesting", ascii("{\"type\":\"x\",\"params\":" + "[".repeat(20) + "]".repeat(20) + "}"));
        seeds.put("near-truncated", ascii(bundle.substring(0, 200)));

        Path dir = Path.of(System.getProperty("herald.root"), "ratify/src/test/resources/dev/herald/ratify",
                "WireDecoderFuzzTestInputs", "decodersReturnARecordOrRefuseWithTheirOwnException");
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            Files.write(dir.resolve(seed.getKey() + ".json"), seed.getValue());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
