package dev.herald.platform.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's error pages as problem+json: failures Jetty answers before Javalin sees the request
 * (a URI or header block over the limit, an unparsable request line or header, an ambiguous path
 * such as one with an encoded NUL) would otherwise be {@code text/html}. Installed on the server
 * and on the servlet context; the documents come from {@link ProblemHandlers#forStatus}.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private final ProblemHandlers problems;

    public ProblemErrorHandler(ProblemHandlers problems) {
        this.problems = problems;
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        if (response.isCommitted()) {
            return;
        }
        int status = response.getStatus() < 400 ? 500 : response.getStatus();
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String path = baseRequest.getHttpURI() == null ? null : baseRequest.getHttpURI().getPath();
        byte[] body = problems.bytes(ProblemHandlers.forStatus(status, request.getMethod(), path,
                message == null ? null : message.toString()));
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return ByteBuffer.wrap(problems.bytes(ProblemHandlers.forStatus(status, null, null, reason)));
    }
}
