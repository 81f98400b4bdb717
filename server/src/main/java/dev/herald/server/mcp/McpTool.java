package dev.herald.server.mcp;

import dev.herald.platform.auth.Access;
import dev.herald.platform.auth.Caller;

/**
 * One tool of Herald's MCP server. Its definition (title, description, schemas) is the resource
 * {@code mcp/tools/<name>.json}; the class holds what it does. A tool reads its arguments through
 * {@link ToolArguments} and calls the voice module's services exactly as the REST route it
 * mirrors does; it answers a value that serializes to a JSON object (the structured result), and
 * fails with the services' domain exceptions, which {@link ToolCatalog} turns into tool errors.
 * Implementations are stateless and thread-safe.
 */
interface McpTool {
    /** The tool's name, as clients call it. */
    String name();

    /**
     * Which API keys may call it: the {@code x-herald-access} of the REST route it mirrors; the
     * voice routes the tools mirror are all {@code project}.
     */
    default Access access() {
        return Access.PROJECT;
    }

    /** Runs the tool in {@code caller}'s workspace. */
    Object call(Caller caller, ToolArguments arguments);
}
