package dev.herald.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.Herald;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.server.testing.WebhookReceiver;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Webhook endpoint and platform callback URLs over a real port with the default setting: https
 * to public hosts only. Every form an attacker uses to reach the install's own network is a 422
 * naming the field, on both routes that take a URL.
 */
abstract class TargetRefusalContract extends RunningHerald {

    /** A URL and a fragment of the reason it is refused. */
    record Case(String url, String reason) {
        @Override
        public String toString() {
            return url;
        }
    }

    static Stream<Case> refusedTargets() {
        return Stream.of(
                new Case("http://169.254.169.254/latest/meta-data/", "https"),
                new Case("https://169.254.169.254/latest/meta-data/", "link-local"),
                new Case("https://10.0.0.1/hooks", "private"),
                new Case("https://172.16.0.1/hooks", "private"),
                new Case("https://192.168.1.1/hooks", "private"),
                new Case("https://127.0.0.1:8080/hooks", "loopback"),
                new Case("https://[::1]/hooks", "loopback"),
                new Case("https://[fd00::1]/hooks", "unique-local"),
                new Case("https://[fe80::1]/hooks", "link-local"),
                new Case("https://0.0.0.0:22/", "unspecified"),
                new Case("https://[::]/", "unspecified"),
                new Case("https://2130706433/", "loopback"),
                new Case("https://017700000001/", "loopback"),
                new Case("https://0177.0.0.1/", "loopback"),
                new Case("https://0x7f.1/", "URL with a host"),
                new Case("https://127.1/", "URL with a host"),
                new Case("https://0x7f000001/", "loopback"),
                new Case("https://10.1/", "URL with a host"),
                new Case("https://08.8.8.8/", "not a valid IP address"),
                new Case("https://134744072/", "four decimal numbers"),
                new Case("https://metadata.google.internal/computeMetadata/v1/", "public host"),
                new Case("https://localhost/hooks", "public host"),
                new Case("https://api.localhost/hooks", "public host"),
                new Case("https://intranet/hooks", "public host"),
                new Case("https://printer.local/hooks", "public host"),
                new Case("https://[::ffff:127.0.0.1]/hooks", "loopback"),
                new Case("https://[::ffff:7f00:1]/hooks", "loopback"),
                new Case("https://[::ffff:169.254.169.254]/hooks", "link-local"),
                new Case("https://[64:ff9b::a00:1]/hooks", "private"),
                new Case("https://[64:ff9b::7f00:1]/hooks", "loopback"),
                new Case("https://[2002:a9fe:a9fe::1]/hooks", "link-local"),
                new Case("https://[2002:c0a8:0101::1]/hooks", "private"),
                new Case("https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hooks", "reserved"),
                new Case("https://100.64.0.1/hooks", "carrier-grade NAT"),
                new Case("https://224.0.0.1/hooks", "multicast"),
                new Case("https://[ff02::1]/hooks", "multicast"),
                new Case("https://255.255.255.255/hooks", "broadcast"),
                new Case("https://240.0.0.1/hooks", "reserved"),
                new Case("https://192.0.2.10/hooks", "reserved"),
                new Case("https://[2001:db8::1]/hooks", "reserved"),
                new Case("https://user:secret@hooks.example.com/", "credentials"),
                new Case("ftp://hooks.example.com/", "https"));
    }

    private String admin() {
        return herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin").secret().reveal();
    }

    private static void assertRefused(Http.Response r, String field, Case c) {
        assertThat(r.status()).as(c.url() + ": " + r.body()).isEqualTo(422);
        JsonNode errors = r.json().path("errors");
        assertThat(errors).as(r.body()).hasSize(1);
        assertThat(errors.get(0).path("field").asText()).isEqualTo(field);
        assertThat(errors.get(0).path("reason").asText()).as(r.body()).contains(c.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTargets")
    void aWebhookEndpointToAnInternalOrInsecureTargetIsRefused(Case c) {
        Http.Response r = http.post("/v1/webhooks/endpoints", admin(), "{\"url\":\"" + c.url() + "\"}");
        assertRefused(r, "url", c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTargets")
    void aPlatformCallbackToAnInternalOrInsecureTargetIsRefused(Case c) {
        String admin = admin();
        assertThat(http.post("/v1/projects", admin, "{\"name\":\"calls\"}").status()).isEqualTo(201);
        Http.Response r = http.post("/v1/platforms", admin, "{\"surface\":\"voice\",\"name\":\"p\",\"callback_url\":\""
                + c.url() + "\",\"project\":\"calls\"}");
        assertRefused(r, "callback_url", c);
        assertThat(http.get("/v1/platforms", admin).json().path("data")).isEmpty();
    }

    @Test
    void aPublicHttpsTargetIsAccepted() {
        Http.Response r = http.post("/v1/webhooks/endpoints", admin(), "{\"url\":\"https://93.184.216.34:8443/hooks\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void aLocalReceiverNeedsTheDevelopmentSetting() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Http.Response strict = http.post("/v1/webhooks/endpoints", admin(), "{\"url\":\"" + receiver.url() + "\"}");
            assertThat(strict.status()).isEqualTo(422);
            try (Herald dev = Herald.start(store().config().withPrivateTargets(true))) {
                Http devHttp = Http.validating(dev.baseUrl());
                String admin = dev.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin")
                        .secret().reveal();
                for (String url : List.of(receiver.url(), "http://[::1]:9/hooks", "http://localhost:9/hooks")) {
                    Http.Response allowed = devHttp.post("/v1/webhooks/endpoints", admin, "{\"url\":\"" + url + "\"}");
                    assertThat(allowed.status()).as(url + ": " + allowed.body()).isEqualTo(201);
                }
                Http.Response multicast = devHttp.post("/v1/webhooks/endpoints", admin,
                        "{\"url\":\"http://224.0.0.1/hooks\"}");
                assertThat(multicast.status()).isEqualTo(422);
            }
        }
    }
}
