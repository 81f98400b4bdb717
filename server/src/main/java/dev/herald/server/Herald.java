package dev.herald.server;

import dev.herald.platform.Feature;
import dev.herald.platform.Worker;
import dev.herald.evidence.tsa.HeraldTimestampAuthority;
import dev.herald.governance.attest.ExportRoutes;
import dev.herald.governance.attest.IssuerKeyStore;
import dev.herald.governance.attest.Timestamping;
import dev.herald.governance.attest.TsaKeyStore;
import dev.herald.governance.identity.VerifierKeyStore;
import dev.herald.governance.policy.PolicyRoutes;
import dev.herald.governance.realtime.RealtimeRoutes;
import dev.herald.governance.realtime.SidecarRoutes;
import dev.herald.governance.attest.TsaRoutes;
import dev.herald.platform.auth.AuthRoutes;
import dev.herald.platform.auth.BearerAuth;
import dev.herald.platform.auth.RouteAccess;
import dev.herald.platform.egress.EgressClient;
import dev.herald.platform.egress.EgressGuard;
import dev.herald.platform.egress.HostResolver;
import dev.herald.platform.http.BodyLimit;
import dev.herald.platform.http.InputText;
import dev.herald.platform.http.ProblemErrorHandler;
import dev.herald.platform.http.ProblemHandlers;
import dev.herald.governance.identity.RatifyRoutes;
import dev.herald.platform.http.RequestMetrics;
import dev.herald.server.console.Console;
import dev.herald.server.mcp.McpEndpoint;
import dev.herald.server.ops.OpenApiRoutes;
import dev.herald.platform.ops.OpsRoutes;
import dev.herald.platform.store.Database;
import dev.herald.platform.store.OwnerOnly;
import dev.herald.platform.store.SecretBox;
import dev.herald.platform.webhooks.RetrySchedule;
import dev.herald.platform.webhooks.WebhookDispatcher;
import dev.herald.platform.webhooks.WebhookRoutes;
import dev.herald.governance.platforms.PlatformRoutes;
import dev.herald.governance.identity.RegistryRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.util.component.Graceful;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root: builds every component by hand from a validated {@link HeraldConfig}, migrates
 * the database, starts the background {@link Worker}s in order (the event bus, then the webhook
 * dispatcher that listens on it) and starts Javalin, with the MCP server ({@link McpEndpoint}) on the
 * same port. {@link #close()} shuts down gracefully: readiness turns 503, open event streams and MCP
 * sessions end, Jetty stops accepting and drains in-flight requests
 * (up to the configured grace), the workers stop in reverse order, then the connection pool
 * closes. Thread-safe; {@code close} is idempotent.
 */
public final class Herald implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Herald.class);
    /** Largest accepted request body. Larger bodies are 413. */
    public static final long MAX_REQUEST_BYTES = 1024 * 1024;
    /** After draining, how long Jetty waits for clients to close idle connections. */
    private static final java.time.Duration CONNECTION_CLOSE_WAIT = java.time.Duration.ofMillis(500);

    private final HeraldConfig config;
    private final Services services;
    private final EgressGuard targets;
    private final HeraldTimestampAuthority tsa;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final StatisticsHandler inFlight = new StatisticsHandler();
    private Javalin app;
    private McpEndpoint mcp;
    private int port;
    /** Started in this order, stopped in the reverse one. */
    private final List<Worker> workers = new ArrayList<>();

    private Herald(HeraldConfig config, Services services, EgressGuard targets, HeraldTimestampAuthority tsa,
                   PrometheusMeterRegistry registry, JvmGcMetrics gcMetrics) {
        this.config = config;
        this.targets = targets;
        this.services = services;
        this.tsa = tsa;
        this.registry = registry;
        this.gcMetrics = gcMetrics;
        services.turns().bindMetrics(registry);
    }

    /** Starts a server with the standard features. */
    public static Herald start(HeraldConfig config) {
        return start(config, List.of());
    }

    /**
     * Starts a server with the standard features plus {@code extra} ones built from the services
     * (used by tests and by embedders).
     */
    public static Herald start(HeraldConfig config, List<Function<Services, Feature>> extra) {
        return start(config, extra, Services.RealtimeExtensions.NONE);
    }

    /**
     * As {@link #start(HeraldConfig, List)}, with realtime session hooks of the embedder's own
     * (added after the built-in ones, fixed for the server's life).
     */
    public static Herald start(HeraldConfig config, List<Function<Services, Feature>> extra,
                               Services.RealtimeExtensions realtime) {
        try {
            // Keys and (with SQLite) the database live here: owner-only from the first start.
            OwnerOnly.createDirectory(config.dataDir());
        } catch (java.io.IOException e) {
            throw new ConfigException("cannot create the data directory " + config.dataDir() + ": " + e.getMessage());
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        Database db = Database.open(config.databaseUrl(), config.isSqlite() ? 4 : 10, registry);
        Herald herald = null;
        try {
            db.migrate();
            Clock clock = Clock.systemUTC();
            SecureRandom random = new SecureRandom();
            HeraldTimestampAuthority tsa = new HeraldTimestampAuthority(
                    TsaKeyStore.loadOrCreate(config.dataDir(), random, clock), clock, random);
            EgressGuard targets = egressGuard(config);
            herald = new Herald(config, Services.create(db, clock, random,
                    IssuerKeyStore.loadOrCreate(config.dataDir(), random),
                    VerifierKeyStore.loadOrCreate(config.dataDir(), random),
                    Timestamping.client(tsa, config.tsaUrls(), Timestamping.DEFAULT_TIMEOUT, random, clock),
                    SecretBox.forInstall(config.dataDir(), random), targets, realtime, config.voice()),
                    targets, tsa, registry, gc);
            herald.startWorkers();
            herald.startHttp(extra);
            log.info("Herald listening on port {} with {}", herald.port(), config.redactedDatabaseUrl());
            return herald;
        } catch (RuntimeException e) {
            if (herald != null) {
                herald.close();
            } else {
                db.close();
                gc.close();
                registry.close();
            }
            throw e;
        }
    }

    private static EgressGuard egressGuard(HeraldConfig config) {
        if (config.allowPrivateTargets()) {
            log.warn("private targets allowed: webhooks and callbacks may use plain http and reach this machine "
                    + "and its network (development only)");
        }
        return new EgressGuard(config.allowPrivateTargets(), HostResolver.system());
    }

    /** The features whose routes this server serves. New feature packages are added here. */
    private List<Feature> features(List<Function<Services, Feature>> extra) {
        Services s = services;
        List<Feature> features = new ArrayList<>();
        features.add(new OpsRoutes(s.db(), registry, draining::get));
        features.add(new AuthRoutes(s.workspaces(), s.projects(), s.apiKeys(), s.json(), s.idempotency()));
        features.add(new RatifyRoutes(s.ratify(), s.json(), s.idempotency()));
        features.add(new TsaRoutes(tsa));
        features.add(new OpenApiRoutes());
        features.add(new PolicyRoutes(s.policies(), s.projectScope(), s.json(), s.idempotency()));
        features.add(new SidecarRoutes(s.sidecarKeys(), s.projectSettings(), s.projectScope(), s.json(), s.idempotency()));
        features.add(new RealtimeRoutes(s.sessions(), s.atoms(), s.turns(), s.interruptions(), s.verbs(),
                s.projectScope(), s.json(), s.idempotency()));
        features.add(new ExportRoutes(s.attestation(), s.projectScope(), s.json(), s.idempotency()));
        features.add(new WebhookRoutes(s.webhooks(), s.json(), s.idempotency()));
        features.add(new PlatformRoutes(s.platforms(), s.json(), s.idempotency()));
        features.add(new RegistryRoutes(s.registry(), s.ratify().revocations(), s.json(), s.idempotency()));
        features.add(new dev.herald.governance.identity.VoiceRoutes(s.ratify(), s.platforms(), s.projectScope(), s.db(),
                s.secrets(), s.json(), s.idempotency()));
        features.addAll(s.voice().features());
        features.addAll(Console.features(s.voice(), s.apiKeys(), s.secrets(), s.mapper(), s.random(), s.clock()));
        extra.forEach(f -> features.add(f.apply(s)));
        return features;
    }

    private void startHttp(List<Function<Services, Feature>> extra) {
        List<Feature> features = features(extra);
        ProblemHandlers problems = new ProblemHandlers(services.mapper());
        RequestMetrics metrics = new RequestMetrics(registry);
        RouteAccess access = RouteAccess.fromDocument(OpenApiRoutes.load());
        BearerAuth bearer = new BearerAuth(services.apiKeys(), access);
        mcp = McpEndpoint.create(services.voice(), services.apiKeys(), services.json(), services.idempotency(), problems,
                openApiTree(), (int) MAX_REQUEST_BYTES, version());
        Map<String, Long> bodyLimits = new HashMap<>();
        features.forEach(f -> bodyLimits.putAll(f.bodyLimits()));
        // Javalin compares a declared length with this before the filter runs: the largest limit any path has.
        long largest = bodyLimits.values().stream().mapToLong(Long::longValue).max().orElse(0);
        app = Javalin.create(cfg -> {
            cfg.useVirtualThreads = true;
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.prefer405over404 = true;
            cfg.http.maxRequestSize = Math.max(MAX_REQUEST_BYTES, largest);
            cfg.jsonMapper(new JavalinJackson(services.mapper(), true));
            // Counts in-flight requests so close() can wait for them (and answers 503 once draining).
            cfg.jetty.modifyServletContextHandler(handler -> {
                handler.insertHandler(inFlight);
                handler.addFilter(new FilterHolder(new BodyLimit(MAX_REQUEST_BYTES, bodyLimits)), "/*", EnumSet.of(DispatcherType.REQUEST));
                handler.setErrorHandler(new ProblemErrorHandler(problems));
                // The MCP server's own servlet at /mcp, beside Javalin's: JSON-RPC, not a REST route.
                mcp.mount(handler);
            });
            // Failures Jetty answers itself (414, 431, a bad request line) are problem+json too.
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler(problems)));
            cfg.router.mount(router -> {
                problems.register(router);
                metrics.register(router);
                // A well-formed path before routing decodes it.
                router.before(InputText::checkPath);
                // beforeMatched: runs once a route matched, so its declared access is known; then no NUL
                // or unpaired surrogate in any query or path parameter, on every route.
                router.beforeMatched(bearer::authenticate);
                router.beforeMatched(InputText::checkParameters);
                features.forEach(f -> f.routes(router));
            });
        });
        // A route whose access is declared nowhere (or twice) never serves.
        access.checkEveryRoute(routes());
        app.start(config.port());
        port = app.port();
    }

    private JsonNode openApiTree() {
        try {
            return services.mapper().readTree(OpenApiRoutes.load());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
    }

    private static String version() {
        String v = Herald.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * Starts this node's background loops: the event bus (its listening connection on PostgreSQL),
     * then the webhook sender, which shares the queue with every other node through the database
     * and wakes on the bus.
     */
    private void startWorkers() {
        workers.add(services.events());
        workers.add(new WebhookDispatcher(services.db(), services.webhooks(), services.events(),
                EgressClient.withDefaultTrust(targets), services.clock(),
                new RetrySchedule(services.random()), WebhookDispatcher.SAFETY_POLL));
        workers.addAll(services.voice().workers());
        for (Worker w : workers) {
            w.start();
            log.debug("worker {} started", w.name());
        }
    }

    private void stopWorkers() {
        for (Worker w : workers.reversed()) {
            try {
                w.stop();
            } catch (RuntimeException e) {
                log.warn("worker {} did not stop cleanly: {}", w.name(), e.toString());
            }
        }
    }

    /** Every HTTP route served, as {@code "METHOD /path"} (Javalin's path syntax), for route-coverage checks. */
    public List<String> endpoints() {
        return routes().stream().map(r -> r.method().name() + " " + r.path()).toList();
    }

    private List<RouteAccess.Route> routes() {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.getEndpoint().getMethod().isHttpMethod())
                .map(e -> new RouteAccess.Route(e.getEndpoint().getMethod(), e.getEndpoint().getPath(),
                        e.getEndpoint().getRoles()))
                .toList();
    }

    /** The bound port (stays known after {@link #close()}). */
    public int port() {
        return port;
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + port());
    }

    public HeraldConfig config() {
        return config;
    }

    public Services services() {
        return services;
    }

    /** This install's RFC 3161 timestamp authority (served at {@code POST /tsa}). */
    public HeraldTimestampAuthority tsa() {
        return tsa;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops accepting connections, answers new requests on open connections with 503, then waits
     * (up to the grace period) until no request is in flight.
     */
    private void drain() {
        Server server = app.jettyServer().server();
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof Graceful graceful) {
                graceful.shutdown();
            }
        }
        inFlight.shutdown();
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (inFlight.getRequestsActive() > 0) {
            if (System.nanoTime() > deadline) {
                log.warn("{} request(s) still running after the {} grace period; stopping anyway",
                        inFlight.getRequestsActive(), config.shutdownGrace());
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        draining.set(true);
        // Streams never finish on their own: end them first so that draining waits only for requests.
        services.streams().close();
        if (mcp != null) {
            mcp.close();
        }
        try {
            if (app != null) {
                drain();
                // Requests are drained. Jetty's own graceful stop then lets the last responses
                // flush and closes connections; idle keep-alive connections whose clients never
                // hang up are cut after CONNECTION_CLOSE_WAIT (Jetty reports that as a timeout,
                // which is expected here, so Jetty is stopped directly rather than via Javalin,
                // which would log it as an error).
                Server server = app.jettyServer().server();
                server.setStopTimeout(CONNECTION_CLOSE_WAIT.toMillis());
                server.stop();
            }
        } catch (Exception e) {
            if (rootCause(e) instanceof java.util.concurrent.TimeoutException) {
                log.debug("idle connections closed after {}", CONNECTION_CLOSE_WAIT);
            } else {
                log.warn("error while stopping the HTTP server: {}", e.toString());
            }
        } finally {
            stopWorkers();
            services.db().close();
            gcMetrics.close();
            registry.close();
            log.info("Herald stopped");
            stopped.countDown();
        }
    }
}
