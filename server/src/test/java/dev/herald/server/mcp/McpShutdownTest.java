package dev.herald.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.Herald;
import dev.herald.server.HeraldConfig;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.StoreExtension;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stopping the server ends an open MCP stream cleanly (the client gets its answer and the end of
 * the stream) instead of leaving the drain to wait out its grace period and then cut the
 * connection. The store plays no part, so SQLite alone.
 */
class McpShutdownTest {
    @RegisterExtension
    static final StoreExtension STORE = StoreExtension.sqlite();

    @Test
    void closingTheServerEndsAnOpenListeningStream() throws Exception {
        Herald herald = Herald.start(new HeraldConfig(0, STORE.dataDir(), STORE.databaseUrl(), Duration.ofMinutes(5)));
        CompletableFuture<HttpResponse<InputStream>> stream;
        try {
            String key = herald.services().bootstrap().createKey("mcp-shutdown", null, "admin").secret().reveal();
            Http http = new Http(herald.baseUrl());
            String session = McpClients.post(http, key, null, McpClients.initialize(1)).header(McpAuthFilter.SESSION_HEADER);
            McpClients.post(http, key, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            stream = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(herald.baseUrl().resolve(McpEndpoint.PATH))
                            .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream")
                            .header(McpAuthFilter.SESSION_HEADER, session).header("MCP-Protocol-Version", "2025-06-18")
                            .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            // The stream sends nothing until there is something to say; wait until the server holds it open.
            for (int i = 0; i < 100 && !stream.isDone(); i++) {
                Thread.sleep(20);
            }
            assertThat(stream).as("an idle listening stream stays open").isNotDone();
        } finally {
            herald.close();
        }
        // A five-minute grace would still be running had the stream been left to the drain.
        HttpResponse<InputStream> r = stream.get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        try (InputStream body = r.body()) {
            body.readAllBytes();
        }
    }
}
