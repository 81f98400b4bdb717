package dev.herald.ratify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A first-class bound on a delegation (SPEC 5.7.1, 5.7.2). The eight canonical kinds are records
 * here; any other {@code type} is an {@link Extension}, which a verifier without a registered
 * {@link ConstraintEvaluator} rejects with {@code constraint_unknown}.
 */
public sealed interface Constraint {
    /** The wire {@code type} tag. */
    String type();

    /** The canonical type names of SPEC 5.7.2. */
    Set<String> CANONICAL_TYPES =
            Set.of("geo_circle", "geo_polygon", "geo_bbox", "time_window", "max_speed_mps",
                    "max_amount", "max_rate", "resource_path");

    /** Within {@code radiusM} metres of ({@code lat}, {@code lon}), haversine on a 6 371 km sphere. */
    record GeoCircle(double lat, double lon, double radiusM) implements Constraint {
        public String type() {
            return "geo_circle";
        }
    }

    /** One polygon vertex. */
    record LatLon(double lat, double lon) {}

    /** Inside a polygon of at least three vertices (ray casting, equirectangular). */
    record GeoPolygon(List<LatLon> points) implements Constraint {
        public GeoPolygon {
            points = List.copyOf(points);
        }

        public String type() {
            return "geo_polygon";
        }
    }

    /** Inclusive box; {@code minLon > maxLon} wraps the antimeridian; zero altitudes mean none. */
    record GeoBbox(double minLat, double minLon, double maxLat, double maxLon, double minAltM,
            double maxAltM) implements Constraint {
        public GeoBbox(double minLat, double minLon, double maxLat, double maxLon) {
            this(minLat, minLon, maxLat, maxLon, 0, 0);
        }

        public String type() {
            return "geo_bbox";
        }
    }

    /** Local time in {@code tz} within [{@code start}, {@code end}] (HH:MM); end &lt; start wraps. */
    record TimeWindow(String start, String end, String tz) implements Constraint {
        public TimeWindow {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(tz, "tz");
        }

        public String type() {
            return "time_window";
        }
    }

    /** Current speed must not exceed {@code maxMps} metres per second. */
    record MaxSpeedMps(double maxMps) implements Constraint {
        public String type() {
            return "max_speed_mps";
        }
    }

    /** Requested amount must not exceed {@code maxAmount} in {@code currency} (ISO 4217). */
    record MaxAmount(double maxAmount, String currency) implements Constraint {
        public MaxAmount {
            Objects.requireNonNull(currency, "currency");
        }

        public String type() {
            return "max_amount";
        }
    }

    /** At most {@code count} uses of the cert in a rolling {@code windowS} seconds (verifier-local). */
    record MaxRate(long count, long windowS) implements Constraint {
        public String type() {
            return "max_rate";
        }
    }

    /**
     * Confines the grant to one opaque resource and, optionally, a path prefix within it
     * (SPEC 5.7.3). {@code pathPrefix} is null when the whole resource is granted; the empty
     * string is never a valid prefix.
     */
    record ResourcePath(String resourceId, String pathPrefix) implements Constraint {
        public ResourcePath {
            Objects.requireNonNull(resourceId, "resourceId");
        }

        public String type() {
            return "resource_path";
        }
    }

    /**
     * A non-canonical constraint kind with optional {@code params} (null when absent). Params follow
     * the restricted value model of SPEC 5.7.1: null, Boolean, String, Long within the safe range,
     * List and Map of these.
     */
    record Extension(String type, Map<String, Object> params) implements Constraint {
        public Extension {
            Objects.requireNonNull(type, "type");
            if (CANONICAL_TYPES.contains(type)) {
                throw new IllegalArgumentException("canonical type " + type + " is not an extension");
            }
            params = params == null ? null : freezeMap(params, 1);
        }

        private static Map<String, Object> freezeMap(Map<String, Object> m, int depth) {
            TreeMap<String, Object> copy = new TreeMap<>();
            for (Map.Entry<String, Object> e : m.entrySet()) {
                copy.put(Objects.requireNonNull(e.getKey(), "params key"), freeze(e.getValue(), depth));
            }
            return Collections.unmodifiableMap(copy);
        }

        @SuppressWarnings("unchecked")
        private static Object freeze(Object v, int depth) {
            if (depth > Ratify.MAX_JSON_NESTING_DEPTH) {
                throw new IllegalArgumentException("params nesting exceeds MAX_JSON_NESTING_DEPTH");
            }
            if (v == null || v instanceof Boolean || v instanceof String) {
                return v;
            }
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                long n = ((Number) v).longValue();
                if (Math.abs(n) > Ratify.MAX_SAFE_INTEGER) {
                    throw new IllegalArgumentException(
                            "params integer exceeds the safe-integer range; carry it as a decimal string");
                }
                return n;
            }
            if (v instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (Object o : list) {
                    out.add(freeze(o, depth + 1));
                }
                return Collections.unmodifiableList(out);
            }
            if (v instanceof Map<?, ?> map) {
                return freezeMap((Map<String, Object>) map, depth + 1);
            }
            throw new IllegalArgumentException(
                    "params value of type " + v.getClass().getSimpleName()
                            + " is outside the restricted value model (no floats)");
        }
    }
}
