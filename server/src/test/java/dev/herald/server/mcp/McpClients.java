package dev.herald.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.testing.Http;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Clients of Herald's MCP endpoint for the tests: the SDK's own client over its Streamable HTTP
 * transport (with a bearer key on every request), and raw JSON-RPC requests for what a
 * well-behaved client never sends (no key, someone else's session id).
 */
final class McpClients {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCEPT = "application/json, text/event-stream";

    private McpClients() {
    }

    /** An initialized SDK client acting with {@code key}. */
    static McpSyncClient sdk(URI base, String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base.toString())
                .endpoint(McpEndpoint.PATH)
                .httpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + key))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .clientInfo(new McpSchema.Implementation("herald-tests", "1")).build();
        client.initialize();
        return client;
    }

    /** Calls tool {@code name} with {@code arguments}. */
    static McpSchema.CallToolResult call(McpSyncClient client, String name, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(name, arguments));
    }

    /** The structured answer of a successful call (fails the test on a tool error). */
    static JsonNode ok(McpSchema.CallToolResult result) {
        if (Boolean.TRUE.equals(result.isError())) {
            throw new AssertionError("tool error: " + text(result));
        }
        return JSON.valueToTree(result.structuredContent());
    }

    /** The text of the first content block. */
    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    /** The message of a tool error (fails the test on a success). */
    static String error(McpSchema.CallToolResult result) {
        if (!Boolean.TRUE.equals(result.isError())) {
            throw new AssertionError("expected a tool error, got " + result.structuredContent());
        }
        return text(result);
    }

    static String initialize(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    }

    static String request(int id, String method) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{}}";
    }

    /** A raw POST to /mcp with {@code key} (null: none) and, when given, a session id. */
    static Http.Response post(Http http, String key, String session, String body) {
        return session == null
                ? http.send("POST", McpEndpoint.PATH, key, "application/json", body.getBytes(StandardCharsets.UTF_8),
                        "Accept", ACCEPT)
                : http.send("POST", McpEndpoint.PATH, key, "application/json", body.getBytes(StandardCharsets.UTF_8),
                        "Accept", ACCEPT, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-06-18");
    }

    /** The JSON-RPC message of a response, whether sent as JSON or as one server-sent event. */
    static JsonNode message(Http.Response r) {
        String body = r.body();
        if (r.contentType() != null && r.contentType().startsWith("text/event-stream")) {
            StringBuilder data = new StringBuilder();
            for (String line : body.split("\n")) {
                if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
            body = data.toString();
        }
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON-RPC message: " + r.body(), e);
        }
    }
}
