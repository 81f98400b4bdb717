package dev.herald.server.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A server-sent events client over a plain socket, written from the HTML living standard's
 * {@code text/event-stream} rules rather than with Herald's code: HTTP/1.1 with chunked transfer
 * decoding, {@code id:}/{@code event:}/{@code data:} fields, comment lines. It reads only when
 * asked, so a test can play a client that stops reading.
 */
public final class SseClient implements AutoCloseable {
    /** One dispatched event, or one comment line ({@code comment} set, the rest null). */
    public record Item(String id, String event, String data, String comment) {
        public boolean isComment() {
            return comment != null;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers;
    private long chunkLeft;
    private final boolean chunked;
    private boolean ended;

    private SseClient(Socket socket, InputStream in, int status, Map<String, String> headers) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.headers = headers;
        this.chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        String length = headers.get("content-length");
        // Left in the current chunk; without chunking, left in the body (unknown: until the connection ends).
        this.chunkLeft = chunked ? 0 : length != null ? Long.parseLong(length) : Long.MAX_VALUE;
    }

    /** Opens {@code path} and reads the status line and headers. */
    public static SseClient open(int port, String path, String lastEventId) {
        return open(port, path, lastEventId, 0);
    }

    /** As above; {@code receiveBuffer} > 0 shrinks the socket's receive buffer (a client that falls behind fast). */
    public static SseClient open(int port, String path, String lastEventId, int receiveBuffer) {
        return open(port, path, lastEventId, receiveBuffer, null);
    }

    /** As above, authenticated with the API key {@code key} (a bearer token). */
    public static SseClient authorized(int port, String path, String key, String lastEventId) {
        return open(port, path, lastEventId, 0, key);
    }

    private static SseClient open(int port, String path, String lastEventId, int receiveBuffer, String key) {
        try {
            Socket s = new Socket();
            if (receiveBuffer > 0) {
                s.setReceiveBufferSize(receiveBuffer);
            }
            s.connect(new InetSocketAddress("localhost", port), 5_000);
            s.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                    + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
                    + (key == null ? "" : "Authorization: Bearer " + key + "\r\n") + "\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            InputStream in = new BufferedInputStream(s.getInputStream(), 65_536);
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            return new SseClient(s, in, status, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The whole remaining body as text (for a non-stream answer such as a problem). */
    public String body() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            for (int c = bodyByte(); c >= 0; c = bodyByte()) {
                b.write(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** The next event or comment; null when none comes within {@code wait}. Throws EOFException at the end. */
    public Item next(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        String id = null;
        String event = null;
        StringBuilder data = null;
        try {
            while (true) {
                String line = bodyLine();
                if (line.isEmpty()) {
                    if (data != null) {
                        return new Item(id, event, data.toString(), null);
                    }
                    continue;
                }
                if (line.startsWith(":")) {
                    return new Item(null, null, null, line.substring(1).trim());
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> event = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> { }
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** The next event that is not a comment, or null within {@code wait}. */
    public Item nextEvent(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Item item = next(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (item == null || !item.isComment()) {
                return item;
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
        }
    }

    /**
     * Reads and discards everything until the server ends the stream; true when it ended (EOF or
     * reset) within {@code wait}, false when data still flowed or the connection stayed silent.
     */
    public boolean endsWithin(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            byte[] buf = new byte[65536];
            while (System.nanoTime() < deadline) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Reads and discards events until the response body ends (the server finished the stream, the
     * connection may stay open for another request); true when it ended within {@code wait}.
     */
    public boolean completesWithin(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            while (System.nanoTime() < deadline) {
                if (bodyByte() < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String bodyLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = bodyByte(); ; c = bodyByte()) {
            if (c < 0) {
                throw new EOFException("stream ended");
            }
            if (c == '\n') {
                return b.toString(StandardCharsets.UTF_8);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
    }

    private int bodyByte() throws IOException {
        if (ended || (!chunked && chunkLeft == 0)) {
            return -1;
        }
        if (chunked && chunkLeft == 0) {
            String size = line(in);
            if (size.isEmpty()) {
                size = line(in);
            }
            chunkLeft = Long.parseLong(size.split(";")[0].trim(), 16);
            if (chunkLeft == 0) {
                ended = true;
                return -1;
            }
        }
        int c = in.read();
        if (c < 0) {
            ended = true;
            return -1;
        }
        chunkLeft--;
        return c;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
