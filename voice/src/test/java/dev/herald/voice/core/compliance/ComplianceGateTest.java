package dev.herald.voice.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.lead.Consent;
import dev.herald.voice.core.lead.Lead;
import dev.herald.voice.core.lead.PhoneNumbers;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComplianceGateTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final Lead LEAD = Lead.of(PhoneNumbers.require("+12125550123"))
            .withConsent(Consent.GRANTED).withTimeZone(NEW_YORK);

    private static DialDecision check(String utc, Lead lead, CompliancePolicy policy, Occupancy occupancy) {
        return new ComplianceGate(Clock.fixed(Instant.parse(utc), ZoneOffset.UTC)).check(lead, policy, occupancy);
    }

    private static DialDecision check(String utc, Lead lead) {
        return check(utc, lead, CompliancePolicy.defaults(), Occupancy.IDLE);
    }

    private static DialDecision.Refused refusal(RefusalReason reason, String opens) {
        return new DialDecision.Refused(reason, Optional.ofNullable(opens).map(Instant::parse));
    }

    @Test
    void leadInsideItsOwnLocalWindow_isAllowed() {
        // 14:00 UTC in January is 09:00 in New York.
        assertThat(check("2026-01-15T14:00:00Z", LEAD)).isEqualTo(new DialDecision.Allowed(List.of(NEW_YORK)));
    }

    @Test
    void windowIsEvaluatedInTheLeadsZone_notUtc() {
        // 12:00 UTC is 07:00 in New York: too early, opens at 08:00 local = 13:00 UTC.
        assertThat(check("2026-01-15T12:00:00Z", LEAD))
                .isEqualTo(refusal(RefusalReason.OUTSIDE_CALLING_HOURS, "2026-01-15T13:00:00Z"));
        // 02:30 UTC is 21:30 the evening before in New York: closed until 08:00 local.
        assertThat(check("2026-01-16T02:30:00Z", LEAD))
                .isEqualTo(refusal(RefusalReason.OUTSIDE_CALLING_HOURS, "2026-01-16T13:00:00Z"));
    }

    @Test
    void closingTimeIsExclusive() {
        assertThat(check("2026-01-16T01:59:59Z", LEAD).allowed()).isTrue(); // 20:59:59 local
        assertThat(check("2026-01-16T02:00:00Z", LEAD).allowed()).isFalse(); // 21:00 local
    }

    @Test
    void nextOpening_followsDaylightSavingTime() {
        // Spring forward on 2026-03-08: 08:00 local is 12:00 UTC (EDT), not 13:00 (EST).
        assertThat(check("2026-03-08T06:00:00Z", LEAD))
                .isEqualTo(refusal(RefusalReason.OUTSIDE_CALLING_HOURS, "2026-03-08T12:00:00Z"));
        // Fall back on 2026-11-01: 08:00 local is 13:00 UTC again.
        assertThat(check("2026-11-01T06:00:00Z", LEAD))
                .isEqualTo(refusal(RefusalReason.OUTSIDE_CALLING_HOURS, "2026-11-01T13:00:00Z"));
    }

    @Test
    void windowOpeningInsideASpringForwardGap_opensAtTheTransition() {
        CompliancePolicy policy = CompliancePolicy.defaults()
                .withWindow(CallingWindow.daily(LocalTime.of(2, 30), LocalTime.of(5, 0)));
        // 02:30 does not exist in New York on 2026-03-08; at 07:00 UTC clocks jump from 02:00 to 03:00.
        assertThat(check("2026-03-08T05:00:00Z", LEAD, policy, Occupancy.IDLE))
                .isEqualTo(refusal(RefusalReason.OUTSIDE_CALLING_HOURS, "2026-03-08T07:00:00Z"));
    }

    @Test
    void checks_runInOrder_doNotCallFirst() {
        Lead everythingWrong = LEAD.withDoNotCall(true).withConsent(Consent.DENIED);
        assertThat(check("2026-01-15T03:00:00Z", everythingWrong))
                .isEqualTo(refusal(RefusalReason.DO_NOT_CALL, null));
        assertThat(check("2026-01-15T03:00:00Z", LEAD.withConsent(Consent.UNKNOWN)))
                .isEqualTo(refusal(RefusalReason.MISSING_CONSENT, null));
    }

    @Test
    void unknownTimeZone_isRefusedByDefault_orEvaluatedConservativelyAcrossFallbackZones() {
        Lead noZone = Lead.of(PhoneNumbers.require("+12125550123")).withConsent(Consent.GRANTED);
        assertThat(check("2026-01-15T18:00:00Z", noZone)).isEqualTo(refusal(RefusalReason.UNKNOWN_TIME_ZONE, null));

        CompliancePolicy usBoth = CompliancePolicy.defaults().withFallbackZones(List.of(NEW_YORK, LOS_ANGELES));
        // 14:00 UTC: 09:00 New York but 06:00 Los Angeles; both open at 16:00 UTC (08:00 Pacific).
        assertThat(check("2026-01-15T14:00:00Z", noZone, usBoth, Occupancy.IDLE))
                .isEqualTo(refusal(RefusalReason.OUTSIDE_CALLING_HOURS, "2026-01-15T16:00:00Z"));
        assertThat(check("2026-01-15T18:00:00Z", noZone, usBoth, Occupancy.IDLE))
                .isEqualTo(new DialDecision.Allowed(List.of(NEW_YORK, LOS_ANGELES)));
    }

    @Test
    void fallbackZonesWithNoCommonHours_haveNoNextOpening() {
        Lead noZone = Lead.of(PhoneNumbers.require("+12125550123")).withConsent(Consent.GRANTED);
        // Morning hours in New York and Tokyo (14 hours apart) never overlap.
        CompliancePolicy apart = CompliancePolicy.defaults()
                .withWindow(CallingWindow.daily(LocalTime.of(9, 0), LocalTime.of(12, 0)))
                .withFallbackZones(List.of(NEW_YORK, ZoneId.of("Asia/Tokyo")));
        assertThat(check("2026-01-15T18:00:00Z", noZone, apart, Occupancy.IDLE))
                .isEqualTo(refusal(RefusalReason.OUTSIDE_CALLING_HOURS, null));
    }

    @Test
    void weekdayOnlyWindow_skipsTheWeekend() {
        CompliancePolicy weekdays = CompliancePolicy.defaults().withWindow(new CallingWindow(LocalTime.of(9, 0),
                LocalTime.of(17, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)));
        // Saturday 2026-01-17 15:00 UTC; next opening Monday 09:00 New York = 14:00 UTC.
        assertThat(check("2026-01-17T15:00:00Z", LEAD, weekdays, Occupancy.IDLE))
                .isEqualTo(refusal(RefusalReason.OUTSIDE_CALLING_HOURS, "2026-01-19T14:00:00Z"));
    }

    @Test
    void closingMargin_stopsNewCallsJustBeforeClose() {
        CompliancePolicy margin = CompliancePolicy.defaults().withClosingMargin(Duration.ofMinutes(10));
        assertThat(check("2026-01-16T01:49:00Z", LEAD, margin, Occupancy.IDLE).allowed()).isTrue();
        assertThat(check("2026-01-16T01:51:00Z", LEAD, margin, Occupancy.IDLE))
                .isEqualTo(refusal(RefusalReason.OUTSIDE_CALLING_HOURS, "2026-01-16T13:00:00Z"));
    }

    @Test
    void concurrencyLimits_deferWithoutRecordingACall() {
        CompliancePolicy policy = CompliancePolicy.defaults().withConcurrency(2, 3);
        assertThat(check("2026-01-15T14:00:00Z", LEAD, policy, new Occupancy(1, 3)))
                .isEqualTo(refusal(RefusalReason.WORKSPACE_CONCURRENCY_LIMIT, null));
        assertThat(check("2026-01-15T14:00:00Z", LEAD, policy, new Occupancy(2, 2)))
                .isEqualTo(refusal(RefusalReason.CAMPAIGN_CONCURRENCY_LIMIT, null));
        assertThat(check("2026-01-15T14:00:00Z", LEAD, policy, new Occupancy(1, 2)).allowed()).isTrue();
        assertThat(RefusalReason.CAMPAIGN_CONCURRENCY_LIMIT.recordedAs()).isEmpty();
        assertThat(RefusalReason.CAMPAIGN_CONCURRENCY_LIMIT.temporary()).isTrue();
    }

    @Test
    void refusals_mapOntoTheCallOutcomes() {
        assertThat(RefusalReason.DO_NOT_CALL.recordedAs()).contains(CallOutcome.DO_NOT_CALL);
        assertThat(RefusalReason.OUTSIDE_CALLING_HOURS.recordedAs()).contains(CallOutcome.OUTSIDE_CALLING_HOURS);
        assertThat(RefusalReason.MISSING_CONSENT.temporary()).isFalse();
    }

    @Test
    void invalidPolicies_areRefusedAtConstruction() {
        assertThatThrownBy(() -> CallingWindow.daily(LocalTime.of(21, 0), LocalTime.of(8, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompliancePolicy.defaults().withClosingMargin(Duration.ofHours(13)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompliancePolicy.defaults().withConcurrency(0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
