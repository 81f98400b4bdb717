package dev.herald.server.mcp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.modelcontextprotocol.spec.McpError;
import java.io.IOException;

/**
 * How the SDK's transport writes an {@link McpError} it answers with an HTTP error (a body that is
 * not JSON-RPC, a missing session header, a wrong {@code Accept}): as a JSON-RPC error response,
 * {@code {"jsonrpc":"2.0","id":null,"error":{"code":...,"message":"..."}}}. The SDK hands the
 * exception itself to the mapper, which would otherwise write all of it, stack trace included.
 * Only the first line of the message is kept (the parser's location notes name Java settings).
 */
final class JsonRpcErrorBody extends StdSerializer<McpError> {
    private JsonRpcErrorBody() {
        super(McpError.class);
    }

    /** The module that installs this serializer on the SDK's mapper. */
    static SimpleModule module() {
        return new SimpleModule("herald-mcp-errors").addSerializer(McpError.class, new JsonRpcErrorBody());
    }

    @Override
    public void serialize(McpError e, JsonGenerator out, SerializerProvider provider) throws IOException {
        var error = e.getJsonRpcError();
        String message = error == null || error.message() == null ? "invalid request" : error.message();
        int newline = message.indexOf('\n');
        out.writeStartObject();
        out.writeStringField("jsonrpc", "2.0");
        out.writeNullField("id");
        out.writeObjectFieldStart("error");
        out.writeNumberField("code", error == null || error.code() == null ? -32600 : error.code());
        out.writeStringField("message", newline < 0 ? message : message.substring(0, newline));
        out.writeEndObject();
        out.writeEndObject();
    }
}
