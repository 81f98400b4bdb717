package dev.herald.ratify;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Built-in constraint evaluation (SPEC 5.7.2, 5.7.3) and the extension registry (17.7). */
final class ConstraintChecks {
    private ConstraintChecks() {}

    /** Outcome of one failed constraint. */
    record Failure(FailureReason reason, String detail) {}

    private static final class Fail extends Exception {
        final FailureReason reason;

        Fail(FailureReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    private static Fail denied(String msg) {
        return new Fail(FailureReason.CONSTRAINT_DENIED, msg);
    }

    private static Fail unverifiable(String msg) {
        return new Fail(FailureReason.CONSTRAINT_UNVERIFIABLE, "constraint_unverifiable: " + msg);
    }

    /** Null when every constraint of {@code cert} passes. */
    static Failure evaluate(DelegationCert cert, int certIndex, VerifierContext ctx, long now,
            Map<String, ConstraintEvaluator> evaluators) {
        List<Constraint> cs = cert.constraints();
        for (int i = 0; i < cs.size(); i++) {
            Constraint c = cs.get(i);
            try {
                check(c, cert.certId(), ctx, now, evaluators);
            } catch (Fail f) {
                return new Failure(f.reason, "cert " + certIndex + ": constraint[" + i + "] ("
                        + c.type() + "): " + f.getMessage());
            }
        }
        return null;
    }

    private static String f(String fmt, Object... args) {
        return String.format(Locale.ROOT, fmt, args);
    }

    private static void check(Constraint c, String certId, VerifierContext ctx, long now,
            Map<String, ConstraintEvaluator> evaluators) throws Fail {
        switch (c) {
            case Constraint.GeoCircle g -> {
                requireLocation(ctx);
                double d = haversineMeters(ctx.currentLat(), ctx.currentLon(), g.lat(), g.lon());
                if (d > g.radiusM()) {
                    throw denied(f("outside allowed radius: %.1fm > %.1fm", d, g.radiusM()));
                }
            }
            case Constraint.GeoPolygon p -> {
                requireLocation(ctx);
                if (p.points().size() < 3) {
                    throw denied("polygon has fewer than 3 points");
                }
                if (spansAntimeridian(p.points())) {
                    throw denied("geo_polygon spans >180° longitude — v1 semantics are undefined for"
                            + " anti-meridian-crossing polygons (see SPEC §5.7.2)");
                }
                if (!pointInPolygon(ctx.currentLat(), ctx.currentLon(), p.points())) {
                    throw denied("outside allowed polygon");
                }
            }
            case Constraint.GeoBbox b -> {
                requireLocation(ctx);
                double lat = ctx.currentLat();
                double lon = ctx.currentLon();
                if (lat < b.minLat() || lat > b.maxLat()) {
                    throw denied(f("latitude %.6f outside [%.6f, %.6f]", lat, b.minLat(), b.maxLat()));
                }
                if (b.minLon() <= b.maxLon()) {
                    if (lon < b.minLon() || lon > b.maxLon()) {
                        throw denied(f("longitude %.6f outside [%.6f, %.6f]", lon, b.minLon(), b.maxLon()));
                    }
                } else if (lon < b.minLon() && lon > b.maxLon()) {
                    throw denied(f("longitude %.6f outside wrapped [%.6f, %.6f]", lon, b.minLon(),
                            b.maxLon()));
                }
                if (b.minAltM() != 0 || b.maxAltM() != 0) {
                    double alt = ctx.currentAltM();
                    if (alt < b.minAltM() || alt > b.maxAltM()) {
                        throw denied(f("altitude %.1fm outside [%.1fm, %.1fm]", alt, b.minAltM(),
                                b.maxAltM()));
                    }
                }
            }
            case Constraint.TimeWindow t -> checkTimeWindow(t, now);
            case Constraint.MaxSpeedMps s -> {
                if (!ctx.hasSpeed()) {
                    throw unverifiable("no current speed in context");
                }
                if (ctx.currentSpeedMps() > s.maxMps()) {
                    throw denied(f("speed %.2fmps exceeds max %.2fmps", ctx.currentSpeedMps(), s.maxMps()));
                }
            }
            case Constraint.MaxAmount a -> {
                if (!ctx.hasAmount()) {
                    throw unverifiable("no requested amount in context");
                }
                if (!ctx.requestedCurrency().equals(a.currency())) {
                    throw denied(f("currency mismatch: requested \"%s\", constraint \"%s\"",
                            ctx.requestedCurrency(), a.currency()));
                }
                if (ctx.requestedAmount() > a.maxAmount()) {
                    throw denied(f("amount %.2f %s exceeds max %.2f %s", ctx.requestedAmount(),
                            ctx.requestedCurrency(), a.maxAmount(), a.currency()));
                }
            }
            case Constraint.MaxRate r -> {
                if (ctx.invocationsInWindow() == null) {
                    throw unverifiable("no rate counter in context");
                }
                if (r.count() <= 0 || r.windowS() <= 0) {
                    throw denied("malformed max_rate: count and window_s must be positive");
                }
                long got = ctx.invocationsInWindow().invocationsInWindow(certId, r.windowS());
                if (got >= r.count()) {
                    throw denied(f("rate limit exceeded: %d invocations in last %ds (max %d)", got,
                            r.windowS(), r.count()));
                }
            }
            case Constraint.ResourcePath rp -> checkResource(rp, ctx);
            case Constraint.Extension e -> {
                ConstraintEvaluator ev = evaluators.get(e.type());
                if (ev == null) {
                    throw new Fail(FailureReason.CONSTRAINT_UNKNOWN,
                            "constraint_unknown: unknown constraint type \"" + e.type() + "\"");
                }
                try {
                    ev.evaluate(e, certId, ctx, now);
                } catch (ConstraintEvaluator.Unverifiable u) {
                    throw unverifiable(String.valueOf(u.getMessage()));
                } catch (Exception ex) {
                    throw denied(String.valueOf(ex.getMessage()));
                }
            }
        }
    }

    private static void requireLocation(VerifierContext ctx) throws Fail {
        if (!ctx.hasLocation()) {
            throw unverifiable("no current location in context");
        }
    }

    private static void checkTimeWindow(Constraint.TimeWindow t, long now) throws Fail {
        if (t.tz().isEmpty() || t.start().isEmpty() || t.end().isEmpty()) {
            throw denied("malformed time_window: tz/start/end required");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(t.tz());
        } catch (DateTimeException e) {
            throw denied("unknown timezone \"" + t.tz() + "\"");
        }
        int start = parseHhMm(t.start(), "bad start time: ");
        int end = parseHhMm(t.end(), "bad end time: ");
        ZonedDateTime local = ZonedDateTime.ofInstant(Instant.ofEpochSecond(now), zone);
        int cur = local.getHour() * 60 + local.getMinute();
        boolean outside = start <= end ? (cur < start || cur > end) : (cur < start && cur > end);
        if (outside) {
            throw denied(f("current %02d:%02d outside %s[%s, %s] %s", local.getHour(),
                    local.getMinute(), start <= end ? "" : "wrapped ", t.start(), t.end(), t.tz()));
        }
    }

    private static int parseHhMm(String s, String prefix) throws Fail {
        if (s.length() != 5 || s.charAt(2) != ':' || !digits(s.charAt(0), s.charAt(1),
                s.charAt(3), s.charAt(4))) {
            throw denied(prefix + "expected HH:MM, got \"" + s + "\"");
        }
        int h = (s.charAt(0) - '0') * 10 + (s.charAt(1) - '0');
        int m = (s.charAt(3) - '0') * 10 + (s.charAt(4) - '0');
        if (h > 23 || m > 59) {
            throw denied(prefix + "out-of-range HH:MM \"" + s + "\"");
        }
        return h * 60 + m;
    }

    private static boolean digits(char... cs) {
        for (char c : cs) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static void checkResource(Constraint.ResourcePath rp, VerifierContext ctx) throws Fail {
        if (!ctx.hasResource() || ctx.requestedResourceId().isEmpty()) {
            throw unverifiable("no requested resource in context");
        }
        if (!ctx.requestedResourceId().equals(rp.resourceId())) {
            throw denied("requested resource does not match the authorized resource");
        }
        if (rp.pathPrefix() == null) {
            return;
        }
        String prefix;
        try {
            prefix = ResourcePaths.normalize(rp.pathPrefix());
        } catch (RatifyException e) {
            throw denied("invalid path_prefix: " + e.getMessage());
        }
        if (ctx.requestedPath().isEmpty()) {
            throw unverifiable("no requested path in context");
        }
        String path;
        try {
            path = ResourcePaths.normalize(ctx.requestedPath());
        } catch (RatifyException e) {
            throw denied("invalid requested path: " + e.getMessage());
        }
        if (!ResourcePaths.matches(prefix, path)) {
            throw denied("requested path " + quote(ctx.requestedPath())
                    + " is outside the authorized prefix " + quote(rp.pathPrefix()));
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static double haversineMeters(double lat1, double lon1, double lat2, double lon2) {
        final double r = 6371000.0;
        double rad = Math.PI / 180;
        double dLat = (lat2 - lat1) * rad;
        double dLon = (lon2 - lon1) * rad;
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * r * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    private static boolean spansAntimeridian(List<Constraint.LatLon> pts) {
        double min = pts.get(0).lon();
        double max = min;
        for (Constraint.LatLon p : pts) {
            min = Math.min(min, p.lon());
            max = Math.max(max, p.lon());
        }
        return max - min > 180;
    }

    private static boolean pointInPolygon(double lat, double lon, List<Constraint.LatLon> poly) {
        boolean inside = false;
        int n = poly.size();
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double xi = poly.get(i).lon();
            double yi = poly.get(i).lat();
            double xj = poly.get(j).lon();
            double yj = poly.get(j).lat();
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }
}
