package dev.herald.platform.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * Bounds every request body while it is read, whatever its transfer encoding. Javalin's own
 * {@code maxRequestSize} only compares the declared {@code Content-Length}, so a chunked body
 * (which declares none) was read whole into memory; Jetty 11, which Javalin 6 runs on, has no
 * size-limiting handler. This filter wraps the servlet input stream: a declared length over the
 * limit fails on the first read, and a body that grows past it fails as soon as the limit is
 * crossed, so at most {@code limit} bytes (plus one read buffer) are held per request.
 *
 * <p>Both failures are {@link Problems.PayloadTooLarge} (413). A body Jetty cannot decode (a bad
 * chunk size, a connection cut mid-body) surfaces as an {@link IOException} from Jetty; that is
 * turned into a {@link Problems.BadRequest} here, since Javalin would otherwise treat it as a client
 * abort and answer an unlogged 500.
 */
public final class BodyLimit implements Filter {
    private final long limit;
    private final java.util.Map<String, Long> byPath;

    public BodyLimit(long limit) {
        this(limit, java.util.Map.of());
    }

    /** {@code limit} for every request, except the exact request paths of {@code byPath} with their own. */
    public BodyLimit(long limit, java.util.Map<String, Long> byPath) {
        this.limit = limit;
        this.byPath = java.util.Map.copyOf(byPath);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        chain.doFilter(new Bounded(http, byPath.getOrDefault(http.getRequestURI(), limit)), response);
    }

    private static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), getContentLengthLong(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long declared;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream in, long declared, long limit) {
            this.in = in;
            this.declared = declared;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (declared > limit) {
                throw tooLarge();
            }
            int n;
            try {
                // Never ask for more than one byte past the limit: enough to notice the excess.
                n = in.read(b, off, (int) Math.min(len, limit - read + 1));
            } catch (IOException e) {
                throw new Problems.BadRequest("the request body could not be read (malformed framing or an interrupted upload)");
            } catch (RuntimeException e) {
                throw new Problems.BadRequest("the request body could not be read (malformed framing)");
            }
            if (n > 0) {
                read += n;
                if (read > limit) {
                    throw tooLarge();
                }
            }
            return n;
        }

        private Problems.PayloadTooLarge tooLarge() {
            return new Problems.PayloadTooLarge(limit);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }
    }
}
