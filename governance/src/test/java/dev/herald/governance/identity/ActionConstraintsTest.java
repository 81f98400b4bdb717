package dev.herald.governance.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.ratify.Constraint;
import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.Issuer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Action-time constraints of an authorized session: payment amounts and calling hours. */
class ActionConstraintsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Issuer issuer = new Issuer(Clock.systemUTC(), RANDOM);
    private final HybridKeyPair root = HybridKeyPair.generate(RANDOM);
    private final HybridKeyPair agent = HybridKeyPair.generate(RANDOM);

    private List<DelegationCert> chain(Constraint... constraints) {
        return List.of(issuer.delegate(root, agent.publicKey(), List.of("meeting:speak", "payments:send"),
                List.of(constraints), Duration.ofHours(1)));
    }

    @Test
    void paymentWithinMaxAmountPassesAndAboveItIsDeniedInMajorUnits() {
        List<DelegationCert> c = chain(new Constraint.MaxAmount(50, "USD"));
        Instant now = Instant.parse("2026-11-22T15:00:00Z");
        assertThat(ActionConstraints.violation(c, now, new ActionConstraints.Payment(5_000, "usd"))).isEmpty();
        assertThat(ActionConstraints.violation(c, now, new ActionConstraints.Payment(5_001, "USD")))
                .hasValueSatisfying(v -> assertThat(v).startsWith("constraint_denied").contains("50.01 USD"));
        assertThat(ActionConstraints.violation(c, now, new ActionConstraints.Payment(100, "EUR")))
                .hasValueSatisfying(v -> assertThat(v).contains("currency mismatch"));
        // Not a payment: the amount constraint does not apply to the action.
        assertThat(ActionConstraints.violation(c, now, null)).isEmpty();
    }

    @Test
    void currenciesWithoutMinorUnitsAreComparedAsIs() {
        List<DelegationCert> c = chain(new Constraint.MaxAmount(5000, "JPY"));
        Instant now = Instant.now();
        assertThat(ActionConstraints.violation(c, now, new ActionConstraints.Payment(5_000, "JPY"))).isEmpty();
        assertThat(ActionConstraints.violation(c, now, new ActionConstraints.Payment(5_001, "JPY"))).isPresent();
    }

    @Test
    void callingHoursAreCheckedInTheWindowsTimeZoneIncludingWrapsPastMidnight() {
        List<DelegationCert> daytime = chain(new Constraint.TimeWindow("09:00", "17:30", "America/New_York"));
        assertThat(ActionConstraints.violation(daytime, Instant.parse("2026-11-22T15:00:00Z"), null)).isEmpty();
        assertThat(ActionConstraints.violation(daytime, Instant.parse("2026-11-22T22:31:00Z"), null))
                .hasValueSatisfying(v -> assertThat(v).contains("17:31 outside [09:00, 17:30] America/New_York"));
        List<DelegationCert> night = chain(new Constraint.TimeWindow("22:00", "06:00", "UTC"));
        assertThat(ActionConstraints.violation(night, Instant.parse("2026-11-22T23:15:00Z"), null)).isEmpty();
        assertThat(ActionConstraints.violation(night, Instant.parse("2026-11-22T05:59:00Z"), null)).isEmpty();
        assertThat(ActionConstraints.violation(night, Instant.parse("2026-11-22T12:00:00Z"), null)).isPresent();
    }
}
