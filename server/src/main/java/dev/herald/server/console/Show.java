package dev.herald.server.console;

import dev.herald.voice.calls.CallView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes values for people: times in the workspace's zone, durations, money, rates. */
public final class Show {
    static final String NONE = "—";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Show() {
    }

    /** {@code t} in {@code zone}, to the second; a dash for none. */
    public static String time(Instant t, ZoneId zone) {
        return t == null ? NONE : TIME.format(t.atZone(zone));
    }

    /** A duration in milliseconds as minutes and seconds ("2 min 05 s", "42 s"); a dash for none. */
    public static String duration(Long ms) {
        if (ms == null) {
            return NONE;
        }
        long seconds = Math.round(ms / 1000.0);
        return seconds < 60 ? seconds + " s" : String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    /** A cost in millionths of the currency unit, to a hundredth of a cent ("0.0000 USD"). */
    public static String cost(CallView.Cost cost) {
        if (cost == null) {
            return NONE;
        }
        return BigDecimal.valueOf(cost.amountMicros(), 6).setScale(4, RoundingMode.HALF_UP).toPlainString() + " "
                + cost.currency();
    }

    /** A rate from 0 to 1 as a percentage with one decimal; a dash when there was nothing to divide. */
    public static String percent(Double rate) {
        return rate == null ? NONE : String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }

    /** A snake_case code as words ("no_answer" -> "no answer"); a dash for none. */
    public static String words(String code) {
        return code == null || code.isEmpty() ? NONE : code.replace('_', ' ');
    }

    /** A value or a dash. */
    public static String text(Object value) {
        return value == null ? NONE : value.toString();
    }

    /** Yes / no / a dash. */
    public static String yesNo(Boolean value) {
        return value == null ? NONE : value ? "yes" : "no";
    }
}
