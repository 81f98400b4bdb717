package dev.herald.platform.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guard's lookups, with a resolver the test controls. */
class EgressGuardTest {
    private static final Map<String, List<String>> DNS = Map.of(
            "hooks.example.com", List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
            "mixed.example.com", List.of("93.184.216.34", "10.0.0.7"),
            "nat64.example.com", List.of("64:ff9b::a9fe:a9fe"),
            "rebind.example.com", List.of("127.0.0.1"));

    private static final HostResolver RESOLVER = host -> {
        List<String> found = DNS.get(host);
        if (found == null) {
            throw new UnknownHostException(host);
        }
        List<InetAddress> out = new java.util.ArrayList<>();
        for (String a : found) {
            out.add(InetAddress.getByName(a));
        }
        return out;
    };

    private final EgressGuard strict = new EgressGuard(false, RESOLVER);
    private final EgressGuard development = new EgressGuard(true, RESOLVER);

    @Test
    void aNameIsRefusedAtRegistrationWhenAnyOfItsAddressesIsInternal() {
        assertThat(strict.refusalAfterLookup("https://hooks.example.com/in")).isEmpty();
        assertThat(strict.refusalAfterLookup("https://mixed.example.com/in")).contains("resolves to a private address");
        assertThat(strict.refusalAfterLookup("https://nat64.example.com/in")).contains("resolves to a link-local address");
        assertThat(strict.refusalAfterLookup("https://rebind.example.com/in")).contains("resolves to a loopback address");
        // Without a lookup only the URL itself is judged.
        assertThat(strict.refusal("https://rebind.example.com/in")).isEmpty();
        // A name that does not resolve yet is left to the delivery-time check.
        assertThat(strict.refusalAfterLookup("https://not-yet.example.com/in")).isEmpty();
    }

    @Test
    void deliveryConnectsOnlyToCheckedAddresses() throws Exception {
        EgressGuard.Target t = strict.resolve("https://hooks.example.com:8443/in?x=1");
        assertThat(t.host()).isEqualTo("hooks.example.com");
        assertThat(t.port()).isEqualTo(8443);
        assertThat(t.tls()).isTrue();
        assertThat(t.literal()).isFalse();
        assertThat(t.addresses()).extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946");
    }

    @Test
    void deliveryRefusalsAreCoarseClasses() {
        assertThatThrownBy(() -> strict.resolve("https://mixed.example.com/in"))
                .isInstanceOfSatisfying(EgressGuard.Refused.class,
                        r -> assertThat(r.failure()).isEqualTo(EgressFailure.REFUSED_ADDRESS));
        assertThatThrownBy(() -> strict.resolve("https://not-yet.example.com/in"))
                .isInstanceOfSatisfying(EgressGuard.Refused.class,
                        r -> assertThat(r.failure()).isEqualTo(EgressFailure.DNS_FAILED));
        assertThatThrownBy(() -> strict.resolve("http://hooks.example.com/in"))
                .isInstanceOfSatisfying(EgressGuard.Refused.class,
                        r -> assertThat(r.failure()).isEqualTo(EgressFailure.REFUSED_SCHEME));
        assertThatThrownBy(() -> strict.resolve("https://[::ffff:10.0.0.1]/in"))
                .isInstanceOfSatisfying(EgressGuard.Refused.class,
                        r -> assertThat(r.failure()).isEqualTo(EgressFailure.REFUSED_ADDRESS));
    }

    @Test
    void theDevelopmentSettingAllowsPrivateUnicastButNotMulticastOrUnspecified() throws Exception {
        assertThat(development.resolve("http://127.0.0.1:8080/in").addresses())
                .extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(development.resolve("http://rebind.example.com/in").addresses()).hasSize(1);
        assertThat(development.refusal("http://intranet/in")).isEmpty();
        assertThat(development.refusal("http://224.0.0.251/in")).contains("must not point to a multicast address (224.0.0.251)");
        assertThat(development.refusal("http://0.0.0.0/in")).contains("must not point to the unspecified address (0.0.0.0)");
        assertThat(development.refusal("http://[::]/in")).isPresent();
    }
}
