package dev.herald.evidence.tsa;

import java.net.URI;
import java.time.Duration;

/**
 * One TSA to try, in configuration order. {@link Http} speaks RFC 3161 over HTTP; {@link InProcess}
 * calls a {@link TimestampAuthority} directly (Herald's own TSA when it runs in the same process),
 * still exchanging real DER request and response bytes.
 */
public sealed interface TsaEndpoint {
    /** Name recorded as {@code provider} in attempts and receipts. */
    String provider();

    /** URL recorded as {@code url}/{@code tsa} in attempts and receipts. */
    String url();

    record Http(String provider, URI uri, Duration timeout) implements TsaEndpoint {
        public Http {
            if (provider == null || provider.isBlank() || uri == null || timeout == null
                    || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("HTTP TSA endpoint needs a provider name, a URI and a positive timeout");
            }
            String scheme = uri.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("TSA URI must be http or https: " + uri);
            }
        }

        @Override
        public String url() {
            return uri.toString();
        }
    }

    record InProcess(String provider, String url, TimestampAuthority authority) implements TsaEndpoint {
        public InProcess {
            if (provider == null || provider.isBlank() || url == null || authority == null) {
                throw new IllegalArgumentException("in-process TSA endpoint needs a provider, a url label and an authority");
            }
        }
    }
}
