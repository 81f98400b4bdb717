package dev.herald.server.console;

import dev.herald.voice.calls.MetricsReport;
import java.util.List;

/**
 * The overview: the workspace's call metrics over its last seven local days (today included),
 * per day for the table and the chart ({@code chartJson}: the same numbers as arrays), and how many
 * of its latest calls ran on the simulated provider (the banner says so when any did).
 */
public record OverviewView(Chrome chrome, String zone, String firstDay, String lastDay, MetricsReport.Counts totals,
                           List<MetricsReport.Group> days, String chartJson, int recentCalls, int simulatedCalls) {
    public boolean simulated() {
        return simulatedCalls > 0;
    }
}
