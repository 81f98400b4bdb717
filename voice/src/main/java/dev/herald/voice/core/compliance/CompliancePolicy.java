package dev.herald.voice.core.compliance;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A campaign's compliance settings.
 *
 * @param window             the local calling window
 * @param closingMargin      no call starts later than this before the window closes (a call begun
 *                           at 20:59 would run past 21:00); zero by default
 * @param fallbackZones      the zones assumed for a lead with no time zone: the call is allowed only
 *                           while the window is open in every one of them. Empty (the default) means
 *                           such leads are refused with {@code unknown_time_zone}: Herald never
 *                           guesses a callee's local time
 * @param campaignMaxConcurrent live calls this campaign may hold at once
 * @param workspaceMaxConcurrent live calls the whole workspace may hold at once
 */
public record CompliancePolicy(
        CallingWindow window,
        Duration closingMargin,
        List<ZoneId> fallbackZones,
        int campaignMaxConcurrent,
        int workspaceMaxConcurrent) {

    public static final int DEFAULT_CAMPAIGN_CONCURRENCY = 5;
    public static final int DEFAULT_WORKSPACE_CONCURRENCY = 20;

    public CompliancePolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(closingMargin, "closingMargin");
        if (closingMargin.isNegative()
                || closingMargin.compareTo(Duration.between(window.opens(), window.closes())) >= 0) {
            throw new IllegalArgumentException("closingMargin must be >= 0 and shorter than the window");
        }
        fallbackZones = List.copyOf(fallbackZones);
        if (campaignMaxConcurrent < 1 || workspaceMaxConcurrent < 1) {
            throw new IllegalArgumentException("concurrency limits must be >= 1");
        }
    }

    public static CompliancePolicy defaults() {
        return new CompliancePolicy(CallingWindow.TCPA_DEFAULT, Duration.ZERO, List.of(),
                DEFAULT_CAMPAIGN_CONCURRENCY, DEFAULT_WORKSPACE_CONCURRENCY);
    }

    public CompliancePolicy withWindow(CallingWindow newWindow) {
        return new CompliancePolicy(newWindow, closingMargin, fallbackZones, campaignMaxConcurrent, workspaceMaxConcurrent);
    }

    public CompliancePolicy withFallbackZones(List<ZoneId> zones) {
        return new CompliancePolicy(window, closingMargin, zones, campaignMaxConcurrent, workspaceMaxConcurrent);
    }

    public CompliancePolicy withClosingMargin(Duration margin) {
        return new CompliancePolicy(window, margin, fallbackZones, campaignMaxConcurrent, workspaceMaxConcurrent);
    }

    public CompliancePolicy withConcurrency(int campaign, int workspace) {
        return new CompliancePolicy(window, closingMargin, fallbackZones, campaign, workspace);
    }
}
