package dev.herald.server.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real local HTTP receiver (the JDK's HttpServer) that records every webhook request and answers
 * with scripted responses (default 200).
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One received request; header names are lower-cased. */
    public record Received(Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.getFirst();
        }
    }

    /** A scripted answer. */
    public record Answer(int status, Map<String, String> headers, long delayMillis) {
        public Answer(int status, Map<String, String> headers) {
            this(status, headers, 0);
        }

        public static Answer of(int status) {
            return new Answer(status, Map.of());
        }

        /** Answers 200, but only after {@code millis}. */
        public static Answer slow(long millis) {
            return new Answer(200, Map.of(), millis);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Answer fallback = Answer.of(200);

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            received.add(new Received(headers, new String(body, StandardCharsets.UTF_8)));
            Answer a = script.poll();
            if (a == null) {
                a = fallback;
            }
            if (a.delayMillis() > 0) {
                try {
                    Thread.sleep(a.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(a.status(), -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    public void answerNext(Answer... answers) {
        script.addAll(List.of(answers));
    }

    public void answerAlways(Answer answer) {
        fallback = answer;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
