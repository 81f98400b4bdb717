package dev.herald.voice.campaigns;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.voice.core.compliance.CallingWindow;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A calling window on the wire and in {@code voice_campaigns.calling_window}: local {@code start}
 * and {@code end} as {@code HH:MM}, {@code days} as {@code mon}..{@code sun}, and the IANA zones
 * assumed for a lead without a time zone ({@code fallback_zones}, empty: such leads are refused).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CallingWindowJson(String start, String end, List<String> days, List<String> fallbackZones) {
    static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    static CallingWindowJson of(CallingWindow window, List<ZoneId> zones) {
        List<String> days = EnumSet.copyOf(window.days()).stream().map(d -> DAY_NAMES.get(d.getValue() - 1)).toList();
        return new CallingWindowJson(window.opens().toString(), window.closes().toString(), days,
                zones.stream().map(ZoneId::getId).toList());
    }

    CallingWindow window() {
        Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
        for (String d : days) {
            set.add(DayOfWeek.of(DAY_NAMES.indexOf(d.toLowerCase(Locale.ROOT)) + 1));
        }
        return new CallingWindow(LocalTime.parse(start), LocalTime.parse(end), set);
    }

    List<ZoneId> zones() {
        return fallbackZones.stream().map(ZoneId::of).toList();
    }
}
