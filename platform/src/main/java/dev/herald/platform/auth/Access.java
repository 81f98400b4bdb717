package dev.herald.platform.auth;

import dev.herald.platform.domain.Denied;
import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which API keys an operation accepts. Herald's own operations declare it once, as
 * {@code "x-herald-access"} on the operation in its module's {@code openapi/*.json} fragment;
 * {@link BearerAuth} enforces that declaration before any handler runs (see {@link RouteAccess}). A route that is
 * not in the document (an embedder's or a test's) declares it as its route role instead.
 * Whether the caller may see a given object is a separate, data question each service answers
 * (another tenant's object is a 404).
 */
public enum Access implements RouteRole {
    /** No key needed (health, the OpenAPI document, the TSA, published issuer keys). */
    PUBLIC("public"),
    /** Any live key: admin, project or platform key (runtime calls and reads within the key's tenant). */
    ANY("any"),
    /** An admin or a project key, not a platform's own key: configuring a project (policies, settings, exports). */
    PROJECT("project"),
    /** A workspace admin key: projects, API keys, platforms, webhooks, registry principals. */
    ADMIN("admin");

    private final String wire;

    Access(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Access> fromWire(String s) {
        return Arrays.stream(values()).filter(a -> a.wire.equals(s)).findFirst();
    }

    /**
     * Throws 403 ({@link Denied}) when the key's kind may not call an operation with this access;
     * {@link BearerAuth} calls it for routes, the MCP server for each tool.
     */
    public void check(Caller caller) {
        switch (this) {
            case PUBLIC, ANY -> {
            }
            case PROJECT -> {
                if (caller.isPlatform()) {
                    throw new Denied("this operation needs an admin or project API key; "
                            + "a platform's own key may not call it");
                }
            }
            case ADMIN -> {
                if (!caller.isAdmin()) {
                    throw new Denied("this operation needs an admin API key");
                }
            }
        }
    }
}
