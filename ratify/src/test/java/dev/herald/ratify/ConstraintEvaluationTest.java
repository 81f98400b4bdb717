package dev.herald.ratify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Built-in constraint semantics, evaluated the way the verifier evaluates them. */
class ConstraintEvaluationTest {
    private static final long NOON_UTC = 1_800_014_400L; // 2027-01-15T12:00:00Z

    private static ConstraintChecks.Failure eval(Constraint c, VerifierContext ctx) {
        return eval(c, ctx, Map.of());
    }

    private static ConstraintChecks.Failure eval(Constraint c, VerifierContext ctx,
            Map<String, ConstraintEvaluator> evaluators) {
        DelegationCert cert = new DelegationCert("c1", 1, "i", TestKit.ROOT.publicKey(), "s",
                TestKit.AGENT.publicKey(), List.of("meeting:attend"), List.of(c), 0, 1,
                new HybridSignature(Bytes.empty(), Bytes.empty()));
        return ConstraintChecks.evaluate(cert, 0, ctx, NOON_UTC, evaluators);
    }

    private static VerifierContext at(double lat, double lon) {
        return VerifierContext.builder().location(lat, lon).build();
    }

    @Test
    void geoCircleAllowsInsideDeniesOutsideAndNeedsLocation() {
        Constraint c = new Constraint.GeoCircle(37.7694, -122.4862, 500);
        assertThat(eval(c, at(37.7694, -122.4862))).isNull();
        assertThat(eval(c, at(37.82, -122.43)).reason()).isEqualTo(FailureReason.CONSTRAINT_DENIED);
        assertThat(eval(c, VerifierContext.empty()).reason())
                .isEqualTo(FailureReason.CONSTRAINT_UNVERIFIABLE);
    }

    @Test
    void geoPolygonRejectsAntimeridianSpanningShapes() {
        Constraint square = new Constraint.GeoPolygon(List.of(new Constraint.LatLon(0, 0),
                new Constraint.LatLon(0, 1), new Constraint.LatLon(1, 1), new Constraint.LatLon(1, 0)));
        assertThat(eval(square, at(0.5, 0.5))).isNull();
        assertThat(eval(square, at(2, 2))).isNotNull();
        Constraint wide = new Constraint.GeoPolygon(List.of(new Constraint.LatLon(0, -170),
                new Constraint.LatLon(0, 170), new Constraint.LatLon(1, 170)));
        assertThat(eval(wide, at(0.1, 0)).detail()).contains("spans >180");
    }

    @Test
    void geoBboxWrapsTheAntimeridianAndChecksAltitudeOnlyWhenSet() {
        Constraint wrap = new Constraint.GeoBbox(-20, 170, 20, -170);
        assertThat(eval(wrap, at(0, 175))).isNull();
        assertThat(eval(wrap, at(0, -175))).isNull();
        assertThat(eval(wrap, at(0, 0))).isNotNull();
        Constraint alt = new Constraint.GeoBbox(0, 0, 1, 1, 10, 100);
        assertThat(eval(alt, VerifierContext.builder().location(0.5, 0.5).altitudeM(50).build()))
                .isNull();
        assertThat(eval(alt, VerifierContext.builder().location(0.5, 0.5).altitudeM(500).build()))
                .isNotNull();
    }

    @Test
    void timeWindowIsInclusiveAndWrapsMidnight() {
        assertThat(eval(new Constraint.TimeWindow("11:00", "12:00", "UTC"), VerifierContext.empty()))
                .isNull();
        assertThat(eval(new Constraint.TimeWindow("22:00", "06:00", "UTC"), VerifierContext.empty())
                .detail()).contains("outside wrapped [22:00, 06:00] UTC");
        assertThat(eval(new Constraint.TimeWindow("20:00", "06:00", "Asia/Tokyo"),
                VerifierContext.empty())).isNull(); // 21:00 in Tokyo
        assertThat(eval(new Constraint.TimeWindow("09:00", "17:00", "Not/AZone"),
                VerifierContext.empty()).detail()).contains("unknown timezone");
    }

    @Test
    void speedAmountAndRateLimits() {
        assertThat(eval(new Constraint.MaxSpeedMps(15), VerifierContext.builder().speedMps(15).build()))
                .isNull();
        assertThat(eval(new Constraint.MaxSpeedMps(15), VerifierContext.builder().speedMps(22).build())
                .detail()).endsWith("speed 22.00mps exceeds max 15.00mps");
        Constraint amount = new Constraint.MaxAmount(5000, "USD");
        assertThat(eval(amount, VerifierContext.builder().amount(100, "EUR").build()).detail())
                .contains("currency mismatch");
        assertThat(eval(amount, VerifierContext.builder().amount(5000, "USD").build())).isNull();
        Constraint rate = new Constraint.MaxRate(5, 300);
        assertThat(eval(rate, VerifierContext.builder().invocationCounter((id, w) -> 4).build()))
                .isNull();
        assertThat(eval(rate, VerifierContext.builder().invocationCounter((id, w) -> 5).build()))
                .isNotNull();
        assertThat(eval(rate, VerifierContext.empty()).reason())
                .isEqualTo(FailureReason.CONSTRAINT_UNVERIFIABLE);
    }

    @Test
    void resourcePathMatchesOnSegmentBoundariesOnly() {
        Constraint docs = new Constraint.ResourcePath("git:acme/w", "/docs");
        VerifierContext.Builder b = VerifierContext.builder();
        assertThat(eval(docs, b.resource("git:acme/w", "/docs/a.md").build())).isNull();
        assertThat(eval(docs, b.resource("git:acme/w", "/docs").build())).isNull();
        assertThat(eval(docs, b.resource("git:acme/w", "/docs-old/a.md").build())).isNotNull();
        assertThat(eval(docs, b.resource("git:acme/w", "/docs/../etc").build()).detail())
                .contains("dot-segment");
        assertThat(eval(docs, b.resource("git:acme/w", "/docs\\a").build()).detail())
                .contains("backslash");
        assertThat(eval(docs, b.resource("git:acme/other", "/docs").build()).detail())
                .contains("does not match the authorized resource");
        assertThat(eval(docs, b.resource("git:acme/w", "").build()).reason())
                .isEqualTo(FailureReason.CONSTRAINT_UNVERIFIABLE);
        assertThat(eval(new Constraint.ResourcePath("git:acme/w", null),
                b.resource("git:acme/w", "").build())).isNull();
    }

    @Test
    void extensionTypesNeedARegisteredEvaluator() {
        Constraint.Extension ext = new Constraint.Extension("com.example.max-sessions",
                Map.of("max", 5L));
        assertThat(eval(ext, VerifierContext.empty()).reason())
                .isEqualTo(FailureReason.CONSTRAINT_UNKNOWN);
        ConstraintEvaluator allow = (c, id, ctx, now) -> { };
        ConstraintEvaluator deny = (c, id, ctx, now) -> {
            throw new IllegalStateException("too many sessions");
        };
        ConstraintEvaluator missing = (c, id, ctx, now) -> {
            throw new ConstraintEvaluator.Unverifiable("no session count");
        };
        assertThat(eval(ext, VerifierContext.empty(), Map.of(ext.type(), allow))).isNull();
        assertThat(eval(ext, VerifierContext.empty(), Map.of(ext.type(), deny)).detail())
                .endsWith("too many sessions");
        assertThat(eval(ext, VerifierContext.empty(), Map.of(ext.type(), missing)).reason())
                .isEqualTo(FailureReason.CONSTRAINT_UNVERIFIABLE);
    }

    @Test
    void issuerRejectsJointlyUnsatisfiableResourceConstraints() {
        Issuer is = TestKit.issuer();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> is.delegate(TestKit.ROOT,
                TestKit.AGENT.publicKey(), List.of("files:write"),
                List.of(new Constraint.ResourcePath("a", "/src"), new Constraint.ResourcePath("a", "/docs")),
                java.time.Duration.ofHours(1))).hasMessageContaining("do not nest");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> is.delegate(TestKit.ROOT,
                TestKit.AGENT.publicKey(), List.of("files:write"),
                List.of(new Constraint.ResourcePath("a", "src")), java.time.Duration.ofHours(1)))
                .hasMessageContaining("must begin with '/'");
        assertThat(is.delegate(TestKit.ROOT, TestKit.AGENT.publicKey(), List.of("files:write"),
                List.of(new Constraint.ResourcePath("a", "/src"),
                        new Constraint.ResourcePath("a", "/src/security")),
                java.time.Duration.ofHours(1))).isNotNull();
    }
}
