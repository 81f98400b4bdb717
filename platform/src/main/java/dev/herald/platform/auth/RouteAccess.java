package dev.herald.platform.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Access} of every route, read once from the {@code "x-herald-access"} of each
 * operation in Herald's OpenAPI document: the one place where the kind of key an operation needs
 * is written. A route outside the document (an embedder's or a test's) carries its {@link Access}
 * as its only route role. {@link #checkEveryRoute} refuses to start a server with a route that
 * has no declaration, or two. Immutable.
 */
public final class RouteAccess {
    public static final String EXTENSION = "x-herald-access";
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** A served route as Javalin knows it: method, path template ({@code {id}} or {@code <id>}) and roles. */
    public record Route(HandlerType method, String path, Set<RouteRole> roles) {
    }

    private final Map<String, Access> declared;

    private RouteAccess(Map<String, Access> declared) {
        this.declared = Map.copyOf(declared);
    }

    /** Reads every operation's declaration; a missing or unknown value is an error. */
    public static RouteAccess fromDocument(byte[] openApi) {
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(openApi);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document is not JSON", e);
        }
        Map<String, Access> declared = new HashMap<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey())) {
                return;
            }
            String where = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            String wire = op.getValue().path(EXTENSION).asText(null);
            Access access = Access.fromWire(wire).orElseThrow(() -> new IllegalStateException(
                    where + " in the OpenAPI document has no valid " + EXTENSION + " (public, any, project or admin): "
                            + wire));
            declared.put(where, access);
        }));
        return new RouteAccess(declared);
    }

    /** The access of a matched route: its document declaration, else its {@link Access} role. */
    public Access of(HandlerType method, String path, Set<RouteRole> roles) {
        Access fromDocument = declared.get(key(method, path));
        if (fromDocument != null) {
            return fromDocument;
        }
        return roles.stream().filter(Access.class::isInstance).map(Access.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("route " + key(method, path) + " declares no access"));
    }

    /** Fails unless every route has exactly one declaration: in the document, or as its route role. */
    public void checkEveryRoute(List<Route> routes) {
        for (Route r : routes) {
            boolean inDocument = declared.containsKey(key(r.method(), r.path()));
            long roles = r.roles().stream().filter(Access.class::isInstance).count();
            if (inDocument && roles > 0) {
                throw new IllegalStateException("route " + key(r.method(), r.path()) + " declares its access in "
                        + "the OpenAPI document and as a route role; keep the document's");
            }
            if (!inDocument && roles != 1) {
                throw new IllegalStateException("route " + key(r.method(), r.path()) + " has no " + EXTENSION
                        + " in the OpenAPI document (and no single Access route role)");
            }
        }
    }

    private static String key(HandlerType method, String javalinPath) {
        return method.name() + " " + javalinPath.replace('<', '{').replace('>', '}');
    }
}
