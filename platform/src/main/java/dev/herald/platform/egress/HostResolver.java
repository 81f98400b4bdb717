package dev.herald.platform.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. {@link EgressGuard} checks every address a resolver returns
 * before anything connects, and the connection goes to a checked address, so a resolver that
 * answers differently on each call (DNS rebinding) cannot slip a refused address in.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface HostResolver {
    /** Every address of {@code host} (never empty); {@link UnknownHostException} when it has none. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver (the operating system's, behind the JVM's cache). */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
