package dev.herald.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.auth.ApiKeyService;
import dev.herald.platform.http.Idempotency;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.ProblemHandlers;
import dev.herald.voice.VoiceModule;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * Herald's MCP server on its own HTTP port: the official SDK's Streamable HTTP servlet at
 * {@code POST/GET/DELETE /mcp} (JSON-RPC 2.0, the protocol revisions the SDK speaks), mounted in
 * the servlet context Javalin runs in, behind {@link McpAuthFilter}. The SDK serves the protocol;
 * Herald's part is the tools ({@link ToolCatalog}) and who may call them.
 *
 * <p>The SDK keeps sessions in this node's memory: with several nodes behind a load balancer, a
 * client's requests must reach the node that opened its session (or it starts a new one on a 404).
 * Thread-safe; {@link #close} ends every session and open stream.
 */
public final class McpEndpoint implements AutoCloseable {
    /** The endpoint's path (the transport's single URL). */
    public static final String PATH = "/mcp";
    /**
     * How often the SDK closes sessions that saw no request since its last sweep (so an idle
     * session lasts between one and two of these).
     */
    static final Duration SESSION_SWEEP = Duration.ofMinutes(15);
    /** Longer than the SDK keeps an idle session: a binding outlives the session it guards. */
    static final Duration BINDING_IDLE_LIMIT = SESSION_SWEEP.multipliedBy(2).plusMinutes(1);

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final McpAuthFilter auth;

    private McpEndpoint(HttpServletStreamableServerTransportProvider transport, McpSyncServer server,
                        McpAuthFilter auth) {
        this.transport = transport;
        this.server = server;
        this.auth = auth;
    }

    /**
     * Builds the server and its tools over the voice module's services.
     *
     * @param openApi     Herald's OpenAPI document: the tools' answers use its schemas
     * @param maxBodyBytes the largest request the transport reads
     */
    public static McpEndpoint create(VoiceModule voice, ApiKeyService keys, JsonBody json, Idempotency idempotency,
                                     ProblemHandlers problems, JsonNode openApi, int maxBodyBytes, String version) {
        // The SDK's own messages go through a plain mapper, as its defaults would (but for how its
        // transport errors are written); Herald's answers are turned into plain maps with Herald's
        // mapping before they reach it.
        ObjectMapper plain = new ObjectMapper().registerModule(JsonRpcErrorBody.module());
        McpJsonMapper sdkJson = new JacksonMcpJsonMapper(plain);
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(sdkJson)
                .mcpEndpoint(PATH)
                .contextExtractor(McpAuthFilter::context)
                .maxRequestSize(maxBodyBytes)
                .sessionSweepInterval(SESSION_SWEEP)
                .build();
        List<McpTool> tools = List.of(new RunVoiceQualifier(voice.campaigns(), voice.profiles(), idempotency),
                new GetCallResults(voice.campaigns()), new ListCalls(voice.callQueries()),
                new GetCall(voice.callQueries()));
        ToolCatalog catalog = new ToolCatalog(tools, new ToolDefinitions(openApi, json.mapper()), json, sdkJson);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("herald", version)
                .instructions("Herald's voice tools: run_voice_qualifier places an outbound qualification campaign "
                        + "(a call batch) over leads of your workspace; get_call_results follows it; list_calls and "
                        + "get_call read calls with their transcript, verdict and attestation links.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(sdkJson)
                .jsonSchemaValidator(new DefaultJsonSchemaValidator(plain))
                // Arguments are checked by the tools themselves, as the REST bodies are: every bad
                // argument named at once, in the REST API's words (the SDK's check stops at a schema message).
                .validateToolInputs(false)
                .tools(catalog.specifications())
                .build();
        McpSessionKeys sessions = new McpSessionKeys(BINDING_IDLE_LIMIT, System::nanoTime);
        return new McpEndpoint(transport, server,
                new McpAuthFilter(keys, catalog.loosestAccess(), sessions, problems));
    }

    /** Mounts the endpoint in Javalin's servlet context: the auth filter, then the SDK's servlet. */
    public void mount(ServletContextHandler context) {
        FilterHolder filter = new FilterHolder(auth);
        // Streams (an SSE answer to a POST, the GET listening stream) outlive the servlet call: said
        // here rather than left to the holders' defaults.
        filter.setAsyncSupported(true);
        context.addFilter(filter, PATH, EnumSet.of(DispatcherType.REQUEST));
        ServletHolder servlet = new ServletHolder("mcp", transport);
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, PATH);
    }

    /** Ends every session and its open streams, so that draining the HTTP server does not wait on them. */
    @Override
    public void close() {
        server.closeGracefully();
    }
}
