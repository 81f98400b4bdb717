package dev.herald.platform.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the host of a URL as an IP address when it is one. IPv6 literals come in brackets. A host
 * whose last label is a number is an IPv4 address (as in the WHATWG URL standard): it is parsed the
 * way {@code inet_aton} parses it (1 to 4 parts, each decimal, octal with a leading 0 or hex with
 * 0x), since that is what the operating system's resolver would connect to, and only the plain
 * dotted-quad form counts as canonical; Java's own parser reads {@code 0177.0.0.1} as 177.0.0.1
 * where the system reads 127.0.0.1, which is why the odd forms are refused outright.
 */
final class HostLiteral {
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(?i)0x[0-9a-f]*|[0-9]+");
    private static final Pattern CANONICAL_V4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    /** What a host is. */
    sealed interface Parsed {
        /** A name to resolve. */
        record Name(String name) implements Parsed {
        }

        /** An IP address written as one; {@code canonical} false for IPv4 forms other than a.b.c.d. */
        record Address(InetAddress address, boolean canonical) implements Parsed {
        }

        /** Looks like an IP address but is not a valid one. */
        record Invalid() implements Parsed {
        }
    }

    private HostLiteral() {
    }

    static Parsed parse(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            try {
                // Bracketed input is parsed as an IPv6 literal only; it never reaches DNS.
                return new Parsed.Address(InetAddress.getByName(host), true);
            } catch (UnknownHostException e) {
                return new Parsed.Invalid();
            }
        }
        String h = host.toLowerCase(Locale.ROOT);
        String[] labels = h.split("\\.", -1);
        if (!NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            return new Parsed.Name(h);
        }
        Optional<byte[]> v4 = inetAton(labels);
        if (v4.isEmpty()) {
            return new Parsed.Invalid();
        }
        try {
            return new Parsed.Address(InetAddress.getByAddress(v4.get()), CANONICAL_V4.matcher(h).matches());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    private static Optional<byte[]> inetAton(String[] labels) {
        if (labels.length > 4) {
            return Optional.empty();
        }
        long[] parts = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            String s = labels[i];
            try {
                if (s.startsWith("0x")) {
                    parts[i] = s.length() == 2 ? 0 : Long.parseLong(s.substring(2), 16);
                } else if (s.length() > 1 && s.startsWith("0")) {
                    parts[i] = Long.parseLong(s.substring(1), 8);
                } else {
                    parts[i] = Long.parseLong(s);
                }
            } catch (NumberFormatException e) {
                return Optional.empty();   // empty label, 8 or 9 in octal, too long
            }
        }
        long value = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i] > 0xFF) {
                return Optional.empty();
            }
            value |= parts[i] << (8 * (3 - i));
        }
        long last = parts[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return Optional.empty();
        }
        value |= last;
        return Optional.of(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }
}
