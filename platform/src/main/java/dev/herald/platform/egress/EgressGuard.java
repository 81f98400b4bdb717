package dev.herald.platform.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule for URLs a tenant gives Herald to call (webhook endpoints, platform callbacks):
 * https only, and never an address inside the install's network. A target is refused when its
 * host is, or resolves to, a loopback, private, link-local, unique-local, carrier-grade NAT,
 * reserved, multicast, broadcast or unspecified address (see {@link SpecialAddresses}), or is a
 * name that only means something inside a network (a single label, {@code localhost},
 * {@code .local}, {@code .internal}, {@code .home.arpa}, {@code .localdomain}).
 *
 * <p>The check runs when a URL is registered ({@link #refusal}, {@link #refusalAfterLookup}) and
 * again on every delivery ({@link #resolve}), whose checked addresses are the only ones
 * {@link EgressClient} connects to. With {@code allowPrivate} (the development setting) plain
 * http and every unicast address are allowed. Immutable and thread-safe.
 */
public final class EgressGuard {
    private static final Set<String> INTERNAL_SUFFIXES = Set.of("localhost", "local", "internal", "home.arpa",
            "localdomain");
    private static final int MAX_URL_LENGTH = 2000;

    private final boolean allowPrivate;
    private final HostResolver resolver;

    public EgressGuard(boolean allowPrivate, HostResolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The default guard: https and public addresses only, resolved by the system. */
    public static EgressGuard strict() {
        return new EgressGuard(false, HostResolver.system());
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /**
     * Where to connect: the URL's host, port and scheme, and the addresses checked for it.
     * {@code literal}: the host is an IP address (no name for TLS to send or verify).
     */
    public record Target(URI uri, String host, int port, boolean tls, boolean literal, List<InetAddress> addresses) {
        public Target {
            addresses = List.copyOf(addresses);
        }
    }

    /** Why a delivery target was refused before any connection was made. */
    public static final class Refused extends Exception {
        private final EgressFailure failure;

        Refused(EgressFailure failure, String reason) {
            super(reason);
            this.failure = failure;
        }

        public EgressFailure failure() {
            return failure;
        }
    }

    /**
     * Why {@code url} may not be registered, judging the URL alone (no lookup), or empty when it
     * may. The reason completes a sentence about the field: "must use https".
     */
    public Optional<String> refusal(String url) {
        return parse(url).reason();
    }

    /**
     * As {@link #refusal}, then resolves a host name and refuses it when any of its addresses is
     * refused. A name that does not resolve (yet) is not refused here: delivery checks again.
     * This does I/O: call it before a transaction, never inside one.
     */
    public Optional<String> refusalAfterLookup(String url) {
        Checked checked = parse(url);
        if (checked.reason().isPresent() || checked.address() != null) {
            return checked.reason();
        }
        try {
            return refusedAmong(resolver.resolve(checked.host())).map(kind -> "resolves to " + kind.description());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * Checks a stored URL for a delivery: the same rules as at registration, then every address
     * the host resolves to now. The caller connects only to {@link Target#addresses()}.
     */
    public Target resolve(String url) throws Refused {
        Checked checked = parse(url);
        if (checked.reason().isPresent()) {
            throw new Refused(checked.schemeRefused() ? EgressFailure.REFUSED_SCHEME : EgressFailure.REFUSED_ADDRESS,
                    checked.reason().get());
        }
        List<InetAddress> addresses;
        if (checked.address() != null) {
            addresses = List.of(checked.address());
        } else {
            try {
                addresses = resolver.resolve(checked.host());
            } catch (UnknownHostException e) {
                throw new Refused(EgressFailure.DNS_FAILED, "the host does not resolve");
            }
            if (addresses.isEmpty()) {
                throw new Refused(EgressFailure.DNS_FAILED, "the host does not resolve");
            }
            Optional<AddressKind> refused = refusedAmong(addresses);
            if (refused.isPresent()) {
                throw new Refused(EgressFailure.REFUSED_ADDRESS, "resolves to " + refused.get().description());
            }
        }
        return new Target(checked.uri(), checked.host(), checked.port(), checked.tls(), checked.address() != null,
                addresses);
    }

    private Optional<AddressKind> refusedAmong(List<InetAddress> addresses) {
        return addresses.stream().map(SpecialAddresses::classify).filter(k -> !allowed(k)).findFirst();
    }

    private boolean allowed(AddressKind kind) {
        return kind == AddressKind.PUBLIC || (allowPrivate && kind.allowedInDevelopment());
    }

    /** A URL taken apart: a refusal reason, or the host (and its address when it is a literal). */
    private record Checked(Optional<String> reason, boolean schemeRefused, URI uri, String host, int port,
                           boolean tls, InetAddress address) {
        static Checked refused(String reason) {
            return new Checked(Optional.of(reason), false, null, null, 0, false, null);
        }
    }

    private Checked parse(String url) {
        if (url == null || url.isBlank()) {
            return Checked.refused("is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Checked.refused("must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Checked.refused("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Checked.refused("must be an absolute " + (allowPrivate ? "http or https" : "https")
                    + " URL with a host name or public IP address");
        }
        if (uri.getUserInfo() != null) {
            return Checked.refused("must not carry credentials");
        }
        if (scheme.equals("http") && !allowPrivate) {
            return new Checked(Optional.of("must use https"), true, uri, null, 0, false, null);
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65_535) {
            return Checked.refused("must name a port from 1 to 65535");
        }
        String host = uri.getHost();
        return switch (HostLiteral.parse(host)) {
            case HostLiteral.Parsed.Invalid invalid -> Checked.refused("has a host that is not a valid IP address");
            case HostLiteral.Parsed.Address a -> {
                AddressKind kind = SpecialAddresses.classify(a.address());
                if (!allowed(kind)) {
                    yield Checked.refused("must not point to " + kind.description() + " ("
                            + a.address().getHostAddress() + ")");
                }
                if (!a.canonical()) {
                    yield Checked.refused("must write an IPv4 address as four decimal numbers (a.b.c.d)");
                }
                yield new Checked(Optional.empty(), false, uri, host, port, tls, a.address());
            }
            case HostLiteral.Parsed.Name n -> {
                if (!allowPrivate && isInternalName(n.name())) {
                    yield Checked.refused("must name a public host (" + n.name() + " is only meaningful inside a network)");
                }
                yield new Checked(Optional.empty(), false, uri, n.name(), port, tls, null);
            }
        };
    }

    private static boolean isInternalName(String name) {
        if (!name.contains(".")) {
            return true;
        }
        for (String suffix : INTERNAL_SUFFIXES) {
            if (name.equals(suffix) || name.endsWith("." + suffix)) {
                return true;
            }
        }
        return false;
    }
}
