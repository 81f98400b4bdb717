package dev.herald.governance.attest;

import dev.herald.evidence.tsa.HeraldTimestampAuthority;
import dev.herald.evidence.tsa.TimestampClient;
import dev.herald.evidence.tsa.TsaEndpoint;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which TSAs stamp Herald's artifacts. Configured external TSAs ({@code HERALD_TSA_URLS}) are
 * tried in order and take precedence; without them, Herald's own TSA signs in process (real DER
 * request and response, recorded as provider {@code herald}), so a laptop install still produces
 * genuine receipts that verify against the install's TSA root.
 */
public final class Timestamping {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private Timestamping() {}

    public static List<TsaEndpoint> endpoints(HeraldTimestampAuthority local, List<URI> external, Duration timeout) {
        List<TsaEndpoint> endpoints = new ArrayList<>();
        for (URI uri : external) {
            endpoints.add(new TsaEndpoint.Http(uri.getHost() == null ? uri.toString() : uri.getHost(), uri, timeout));
        }
        if (endpoints.isEmpty()) {
            endpoints.add(new TsaEndpoint.InProcess("herald", "herald:local-tsa", local));
        }
        return List.copyOf(endpoints);
    }

    public static TimestampClient client(HeraldTimestampAuthority local, List<URI> external, Duration timeout,
                                         SecureRandom random, Clock clock) {
        return TimestampClient.over(endpoints(local, external, timeout), random, clock);
    }
}
