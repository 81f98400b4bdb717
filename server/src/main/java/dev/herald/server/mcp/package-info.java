/**
 * Herald's MCP server: the official SDK's Streamable HTTP transport at {@code /mcp}, guarded by the
 * REST API's bearer keys ({@link dev.herald.server.mcp.McpAuthFilter}), serving the voice tools
 * ({@code run_voice_qualifier}, {@code get_call_results}, {@code list_calls}, {@code get_call}) over
 * the voice module's services, each tool's definition in {@code mcp/tools/<name>.json}.
 */
package dev.herald.server.mcp;
