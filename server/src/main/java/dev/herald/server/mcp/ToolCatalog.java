package dev.herald.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.HeraldException;
import dev.herald.platform.auth.Access;
import dev.herald.platform.auth.Caller;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Denied;
import dev.herald.platform.domain.DomainException;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.domain.Unavailable;
import dev.herald.platform.http.JsonBody;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of Herald's MCP tools: each {@link McpTool} with its definition, as the SDK's tool
 * specifications. Every call runs the same way: the request's {@link Caller} (put there by
 * {@link McpAuthFilter}) must be one the tool's {@link Access} accepts, then the tool runs, and its
 * answer is sent twice over, as structured content and as the same JSON in a text block. Whatever
 * goes wrong is a tool result with {@code isError: true} in plain words naming the argument (a
 * domain failure as the REST API would word it, an unexpected one with a reference to the log),
 * never a JSON-RPC error. Immutable.
 */
final class ToolCatalog {
    private static final Logger log = LoggerFactory.getLogger(ToolCatalog.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final List<McpTool> tools;
    private final ToolDefinitions definitions;
    private final ObjectMapper herald;
    private final JsonBody json;
    private final McpJsonMapper sdk;

    ToolCatalog(List<McpTool> tools, ToolDefinitions definitions, JsonBody json, McpJsonMapper sdk) {
        this.tools = List.copyOf(tools);
        this.definitions = definitions;
        this.herald = json.mapper();
        this.json = json;
        this.sdk = sdk;
    }

    /** The tools as the SDK serves them. */
    List<SyncToolSpecification> specifications() {
        return tools.stream().map(t -> SyncToolSpecification.builder()
                .tool(sdk.convertValue(definitions.load(t.name()), McpSchema.Tool.class))
                .callHandler((exchange, request) -> call(t, exchange, request))
                .build()).toList();
    }

    /** The most any tool admits: the endpoint refuses a key that no tool would accept. */
    Access loosestAccess() {
        return tools.stream().map(McpTool::access).min(Comparator.naturalOrder()).orElse(Access.ADMIN);
    }

    private McpSchema.CallToolResult call(McpTool tool, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        try {
            Caller caller = McpAuthFilter.caller(exchange.transportContext());
            tool.access().check(caller);
            Object answer = tool.call(caller, ToolArguments.of(request.arguments(), json));
            JsonNode tree = herald.valueToTree(answer);
            if (!(tree instanceof ObjectNode)) {
                throw new IllegalStateException("tool " + tool.name() + " answered " + tree.getNodeType() + ", not an object");
            }
            return McpSchema.CallToolResult.builder()
                    .structuredContent(herald.convertValue(tree, OBJECT))
                    .addTextContent(herald.writeValueAsString(tree))
                    .isError(false)
                    .build();
        } catch (DomainException e) {
            return failure(describe(e));
        } catch (HeraldException e) {
            return failure(e.getMessage());
        } catch (JsonProcessingException | RuntimeException e) {
            String ref = UUID.randomUUID().toString();
            log.error("MCP tool {} failed unexpectedly, reference {}", tool.name(), ref, e);
            return failure("an unexpected error occurred in " + tool.name() + "; reference " + ref);
        }
    }

    private static McpSchema.CallToolResult failure(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    /** A domain failure in the words the REST API's problem document would use, arguments named. */
    static String describe(DomainException e) {
        return switch (e) {
            case Invalid i -> "invalid arguments: " + i.errors().stream().map(ToolCatalog::named)
                    .collect(Collectors.joining("; "));
            case NotFound n -> "not found: " + n.getMessage();
            case Conflict c -> "conflict: " + c.getMessage();
            case Denied d -> "denied: " + d.getMessage();
            case Unavailable u -> "unavailable: " + u.getMessage();
        };
    }

    private static String named(FieldError f) {
        return f.field() + " " + f.reason();
    }
}
