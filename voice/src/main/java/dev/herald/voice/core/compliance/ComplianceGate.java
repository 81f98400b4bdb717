package dev.herald.voice.core.compliance;

import dev.herald.voice.core.lead.Consent;
import dev.herald.voice.core.lead.Lead;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a lead may be dialled now. Pure apart from reading the injected clock;
 * thread-safe. Order of checks: do-not-call, consent, time zone, calling window, workspace
 * concurrency, campaign concurrency; the first failing check is the reason.
 */
public final class ComplianceGate {
    private final Clock clock;

    public ComplianceGate(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public DialDecision check(Lead lead, CompliancePolicy policy, Occupancy occupancy) {
        Instant now = clock.instant();
        if (lead.doNotCall()) {
            return refused(RefusalReason.DO_NOT_CALL);
        }
        if (lead.consent() != Consent.GRANTED) {
            return refused(RefusalReason.MISSING_CONSENT);
        }
        List<ZoneId> zones = lead.timeZone().map(List::of).orElse(policy.fallbackZones());
        if (zones.isEmpty()) {
            return refused(RefusalReason.UNKNOWN_TIME_ZONE);
        }
        if (!openInAll(policy, zones, now)) {
            return new DialDecision.Refused(RefusalReason.OUTSIDE_CALLING_HOURS, nextOpening(policy, zones, now));
        }
        if (occupancy.workspaceLive() >= policy.workspaceMaxConcurrent()) {
            return refused(RefusalReason.WORKSPACE_CONCURRENCY_LIMIT);
        }
        if (occupancy.campaignLive() >= policy.campaignMaxConcurrent()) {
            return refused(RefusalReason.CAMPAIGN_CONCURRENCY_LIMIT);
        }
        return new DialDecision.Allowed(zones);
    }

    /**
     * The first instant at or after {@code now} when the window is open in every zone. The answer
     * is always one of the zones' opening instants (or now), so only those are tried.
     */
    public static Optional<Instant> nextOpening(CompliancePolicy policy, List<ZoneId> zones, Instant now) {
        if (openInAll(policy, zones, now)) {
            return Optional.of(now);
        }
        return zones.stream()
                .flatMap(zone -> policy.window().openings(now, zone))
                .sorted(Comparator.naturalOrder())
                .filter(t -> openInAll(policy, zones, t))
                .findFirst();
    }

    private static boolean openInAll(CompliancePolicy policy, List<ZoneId> zones, Instant at) {
        return zones.stream().allMatch(z -> policy.window().isOpen(at, z, policy.closingMargin()));
    }

    private static DialDecision refused(RefusalReason reason) {
        return new DialDecision.Refused(reason, Optional.empty());
    }

}
