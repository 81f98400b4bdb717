package dev.herald.ratify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The logical path model and segment-boundary matching of the {@code resource_path} constraint
 * (SPEC 5.7.3). Comparison is byte-exact: no percent-decoding, case folding or Unicode
 * normalization, before or after matching. Adapters should call these helpers rather than
 * reimplementing matching.
 */
public final class ResourcePaths {
    private ResourcePaths() {}

    /** Returns the comparison form of a valid path (one trailing slash trimmed, except "/"). */
    public static String normalize(String p) {
        if (p == null || p.isEmpty()) {
            throw new RatifyException("path is empty");
        }
        if (p.charAt(0) != '/') {
            throw new RatifyException("path must begin with '/'");
        }
        if (p.indexOf('\0') >= 0) {
            throw new RatifyException("path contains a NUL byte");
        }
        if (p.indexOf('\\') >= 0) {
            throw new RatifyException("path contains a backslash; '/' is the only separator");
        }
        if (p.equals("/")) {
            return p;
        }
        String trimmed = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        for (String seg : trimmed.substring(1).split("/", -1)) {
            if (seg.isEmpty()) {
                throw new RatifyException("path contains an empty segment");
            }
            if (seg.equals(".") || seg.equals("..")) {
                throw new RatifyException(
                        "path contains a dot-segment; dot-segments are rejected, never resolved");
            }
        }
        return trimmed;
    }

    public static boolean isValid(String p) {
        try {
            normalize(p);
            return true;
        } catch (RatifyException e) {
            return false;
        }
    }

    /** Segment-boundary prefix match; false when either path is invalid. Not glob matching. */
    public static boolean matches(String pathPrefix, String requestedPath) {
        String prefix;
        String path;
        try {
            prefix = normalize(pathPrefix);
            path = normalize(requestedPath);
        } catch (RatifyException e) {
            return false;
        }
        if (prefix.equals("/") || path.equals(prefix)) {
            return true;
        }
        return path.startsWith(prefix + "/");
    }

    private static boolean nested(String a, String b) {
        String x = a == null ? "/" : a;
        String y = b == null ? "/" : b;
        return matches(x, y) || matches(y, x);
    }

    /**
     * The issuance rule of SPEC 5.7.3: a cert's resource_path constraints must name one resource,
     * with non-empty, bounded ids, valid prefixes, and prefixes forming a nested chain. Decoders do
     * not apply this; verification denies unsatisfiable sets instead.
     */
    public static void validateForIssuance(List<Constraint> constraints) {
        String resourceId = null;
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            if (!(constraints.get(i) instanceof Constraint.ResourcePath rp)) {
                continue;
            }
            String where = "constraint[" + i + "]: ";
            if (rp.resourceId().isEmpty()) {
                throw new RatifyException(where + "resource_path requires a non-empty resource_id");
            }
            if (rp.resourceId().getBytes(StandardCharsets.UTF_8).length
                    > Ratify.MAX_IDENTIFIER_LENGTH_BYTES) {
                throw new RatifyException(where + "resource_id exceeds MAX_IDENTIFIER_LENGTH_BYTES");
            }
            if (rp.pathPrefix() != null) {
                try {
                    normalize(rp.pathPrefix());
                } catch (RatifyException e) {
                    throw new RatifyException(where + "invalid path_prefix: " + e.getMessage());
                }
            }
            if (resourceId == null) {
                resourceId = rp.resourceId();
            } else if (!resourceId.equals(rp.resourceId())) {
                throw new RatifyException(where + "resource_path constraints name different resource_ids"
                        + " and are jointly unsatisfiable (SPEC 5.7.3); issue separate certificates");
            }
            for (String prev : prefixes) {
                if (!nested(prev, rp.pathPrefix())) {
                    throw new RatifyException(where + "path_prefix values " + prev + " and "
                            + rp.pathPrefix() + " do not nest and are jointly unsatisfiable (SPEC 5.7.3)");
                }
            }
            prefixes.add(rp.pathPrefix());
        }
    }
}
