package dev.herald.ratify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The v1 scope vocabulary (SPEC 9): 54 canonical scopes, 14 wildcards that expand only to
 * non-sensitive members of their group, and the {@code custom:} extension pattern.
 */
public final class Scopes {
    private Scopes() {}

    /** One canonical scope and whether it requires an explicit grant. */
    public record ScopeInfo(String scope, String group, boolean sensitive) {}

    private static final Map<String, ScopeInfo> CANONICAL = new LinkedHashMap<>();
    private static final Map<String, List<String>> WILDCARDS = new LinkedHashMap<>();

    private static void group(String group, String... entries) {
        for (String e : entries) {
            boolean sensitive = e.endsWith("!");
            String scope = sensitive ? e.substring(0, e.length() - 1) : e;
            CANONICAL.put(scope, new ScopeInfo(scope, group, sensitive));
        }
    }

    static {
        group("meeting", "meeting:attend", "meeting:speak", "meeting:video", "meeting:chat",
                "meeting:share_screen", "meeting:record!");
        group("comms", "comms:message:read", "comms:message:send", "comms:message:delete!",
                "comms:email:read", "comms:email:send", "comms:email:delete!", "comms:calendar:read",
                "comms:calendar:write");
        group("files", "files:read", "files:write!");
        group("identity", "identity:prove", "identity:delegate!");
        group("presence", "presence:represent!");
        group("transact", "transact:purchase", "transact:sell");
        group("payments", "payments:send", "payments:receive", "payments:authorize!");
        group("contract", "contract:read", "contract:sign!");
        group("data", "data:read", "data:write!", "data:delete!", "data:export!", "data:share");
        group("execute", "execute:tool", "execute:code!");
        group("generate", "generate:content", "generate:deepfake!");
        group("physical", "physical:enter", "physical:exit", "physical:actuate!",
                "physical:manipulate!");
        group("robot", "robot:operate", "robot:move", "robot:interact");
        group("drone", "drone:fly!", "drone:deliver", "drone:capture");
        group("vehicle", "vehicle:operate!", "vehicle:transport", "vehicle:charge");
        group("infrastructure", "infrastructure:monitor", "infrastructure:control!",
                "infrastructure:access!");
        group("actuate", "actuate:valve!", "actuate:motor!", "actuate:switch!");
        for (String w : List.of("meeting:*", "comms:message:*", "comms:email:*", "comms:*",
                "transact:*", "payments:*", "data:*", "execute:*", "generate:*", "physical:*", "robot:*",
                "drone:*", "vehicle:*", "infrastructure:*")) {
            String prefix = w.substring(0, w.length() - 1);
            List<String> members = new ArrayList<>();
            for (ScopeInfo s : CANONICAL.values()) {
                if (!s.sensitive() && s.scope().startsWith(prefix)) {
                    members.add(s.scope());
                }
            }
            WILDCARDS.put(w, Collections.unmodifiableList(members));
        }
    }

    /** The canonical vocabulary in spec order, with groups and sensitivity flags. */
    public static List<ScopeInfo> vocabulary() {
        return List.copyOf(CANONICAL.values());
    }

    /** Wildcard name to its (non-sensitive) expansion, in spec order. */
    public static Map<String, List<String>> wildcards() {
        return Collections.unmodifiableMap(WILDCARDS);
    }

    public static boolean isCanonical(String scope) {
        return CANONICAL.containsKey(scope);
    }

    public static boolean isWildcard(String scope) {
        return WILDCARDS.containsKey(scope);
    }

    /** {@code custom:} followed by at least one character. */
    public static boolean isCustom(String scope) {
        return scope.startsWith("custom:") && scope.length() > "custom:".length();
    }

    /** True when the scope must be granted explicitly. Custom scopes are never sensitive. */
    public static boolean isSensitive(String scope) {
        ScopeInfo info = CANONICAL.get(scope);
        return info != null && info.sensitive();
    }

    /** Canonical, wildcard, or custom. Reserved prefixes ({@code x-}, {@code urn:}) are not. */
    public static boolean isValid(String scope) {
        return isCanonical(scope) || isWildcard(scope) || isCustom(scope);
    }

    /** Throws {@link RatifyException} naming the first out-of-vocabulary scope. */
    public static void validate(Collection<String> scopes) {
        String bad = firstInvalid(scopes);
        if (bad != null) {
            throw new RatifyException(unknownScopeMessage(bad));
        }
    }

    static String firstInvalid(Collection<String> scopes) {
        for (String s : scopes) {
            if (!isValid(s)) {
                return s;
            }
        }
        return null;
    }

    static String unknownScopeMessage(String scope) {
        return "unknown scope \"" + scope
                + "\": not in canonical vocabulary and not a custom: extension";
    }

    /**
     * Expands wildcards to their non-sensitive members; other strings pass through unchanged
     * (including unknown ones, which {@link #validate} rejects separately). Sorted, deduplicated.
     */
    public static List<String> expand(Collection<String> scopes) {
        TreeSet<String> out = new TreeSet<>();
        for (String s : scopes) {
            List<String> members = WILDCARDS.get(s);
            if (members != null) {
                out.addAll(members);
            } else {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /** The effective scope of a chain (SPEC 9.3): intersection of every expanded list, sorted. */
    public static List<String> intersect(List<? extends Collection<String>> scopeLists) {
        if (scopeLists.isEmpty()) {
            return List.of();
        }
        Set<String> acc = new HashSet<>(expand(scopeLists.get(0)));
        for (int i = 1; i < scopeLists.size(); i++) {
            acc.retainAll(new HashSet<>(expand(scopeLists.get(i))));
        }
        return List.copyOf(new TreeSet<>(acc));
    }

    public static boolean has(Collection<String> granted, String required) {
        return granted.contains(required);
    }
}
