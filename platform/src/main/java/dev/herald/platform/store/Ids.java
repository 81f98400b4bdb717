package dev.herald.platform.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Prefixed, roughly time-ordered identifiers such as {@code prj_0193a1b2c3d4e5f60718293a4b}:
 * 12 hex digits of epoch milliseconds then 14 random hex digits. Sorting by id is sorting by
 * creation time to the millisecond, which keeps cursor pagination cheap (one index, no ties).
 */
public final class Ids {
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern SHAPE = Pattern.compile("[a-z]{2,5}_[0-9a-f]{26}");
    private final Clock clock;
    private final SecureRandom random;

    public Ids(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    public String next(String prefix) {
        byte[] tail = new byte[7];
        random.nextBytes(tail);
        // The low 12 of the 16 hex digits of the millisecond time (String.format costs more than the rest).
        return prefix + "_" + HEX.toHexDigits(clock.millis()).substring(4) + HEX.formatHex(tail);
    }

    /** True when {@code s} has the shape of an id (any prefix). Names may never look like this. */
    public static boolean looksLikeId(String s) {
        return s != null && SHAPE.matcher(s).matches();
    }
}
