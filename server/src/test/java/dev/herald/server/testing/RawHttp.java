package dev.herald.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for requests a well-behaved client refuses to send: a malformed
 * chunk size, an encoded NUL in the path, a broken request line, a chunked body that never ends.
 * Every exchange uses its own connection ({@code Connection: close}).
 */
public final class RawHttp {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int READ_TIMEOUT_MILLIS = 60_000;
    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** A parsed response; {@code bodySent} is how many body bytes the client had written when it arrived. */
    public record Response(int status, Map<String, String> headers, byte[] body, long bodySent) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String contentType() {
            return header("content-type");
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }
    }

    /** Sends {@code request} verbatim and reads the answer. */
    public Response exchange(byte[] request) {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            return read(s.getInputStream(), request.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response exchange(String request) {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Streams a chunked body of up to {@code total} bytes (64 KiB chunks of {@code 'a'}) after
     * {@code head} (request line and headers, without the blank line), while reading the answer
     * on this thread. When {@code stall} is true, the client stops after {@code total} bytes without
     * sending the final chunk, so a server that waits for the whole body never answers (the read
     * then times out and this throws).
     */
    public Response chunkedUpload(String head, long total, boolean stall) {
        return chunkedUpload(head, new byte[0], total, new byte[0], stall);
    }

    /** As {@link #chunkedUpload(String, long, boolean)}, with the filler between {@code prefix} and {@code suffix}. */
    public Response chunkedUpload(String head, byte[] prefix, long total, byte[] suffix, boolean stall) {
        AtomicLong sent = new AtomicLong();
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = s.getOutputStream();
            out.write((head + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            Thread writer = Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'a');
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    writeChunk(out, prefix);
                    sent.addAndGet(prefix.length);
                    while (sent.get() < total) {
                        out.write(size);
                        out.write(chunk);
                        out.write('\r');
                        out.write('\n');
                        sent.addAndGet(chunk.length);
                    }
                    if (!stall) {
                        writeChunk(out, suffix);
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    // The server answered and closed the connection: expected for an oversize body.
                }
            });
            Response r = read(s.getInputStream(), -1);
            long atAnswer = sent.get();
            s.close();
            writer.join();
            return new Response(r.status(), r.headers(), r.body(), atAnswer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void writeChunk(OutputStream out, byte[] data) throws IOException {
        if (data.length > 0) {
            out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static Response read(InputStream in, long bodySent) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int n = Integer.parseInt(line(in).split(";")[0].trim(), 16); n > 0; n = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(n));
                line(in);
            }
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(Integer.parseInt(parts[1]), headers, body.toByteArray(), bodySent);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
