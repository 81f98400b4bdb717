package dev.herald.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.RatifyJson;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The key-scope and tenant matrix: every operation of {@code /openapi.json}, generated from the
 * document (a new operation is covered without touching this class), called with no key, a revoked
 * key, a platform's own key, a project key, an admin key, a key of another project of the same
 * workspace and another workspace's admin key. Each answer must be what the operation's
 * {@code x-herald-access} says: 401 without a live key, 403 for a kind of key it does not accept,
 * never a 2xx for such a key, never a 5xx, problem+json for every error. Another tenant's object
 * must answer exactly as a missing one (status, problem type and detail, ids aside).
 *
 * <p>Requests carry an empty JSON object as body: the access decision comes before the body is
 * read, and the objects named in paths are real ones of project p1.
 */
public abstract class KeyScopeMatrixContract extends RunningHerald {
    private static final Pattern PARAM = Pattern.compile("\\{([^/}]+)}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);
    /**
     * Operations on objects the whole workspace shares (the Ratify registry and revocation lists):
     * another project's key of the same workspace sees them by design. Another workspace never does.
     */
    private static final Set<String> WORKSPACE_SHARED = Set.of("getRegistryPrincipal", "getAgent", "getRevocationList");

    /** The callers of the matrix. */
    enum Kind { NO_KEY, REVOKED_KEY, PLATFORM_KEY, PROJECT_KEY, ADMIN_KEY, OTHER_PROJECT_KEY, OTHER_WORKSPACE_ADMIN }

    record Operation(String method, String template, String operationId, Access access, boolean registry) {
        String name() {
            return method + " " + template;
        }

        boolean mayChangeKeys() {
            return !method.equals("GET");
        }

        /** Operations that end, retire or disable what later operations use run last. */
        int order() {
            if (method.equals("GET")) {
                return 0;
            }
            return method.equals("DELETE") || template.matches(".*/(disable|end|retire|deactivate|rotate-secret)$") ? 2 : 1;
        }
    }

    private final List<String> failures = new ArrayList<>();
    private final Map<Kind, Integer> requestsByKind = new EnumMap<>(Kind.class);
    private final Map<Access, Integer> operationsByAccess = new EnumMap<>(Access.class);
    private int tenantComparisons;

    // Tenant A: projects p1 and p2; tenant B: another workspace.
    private String adminA;
    private String p1;
    private String p1Key;
    private String p2Key;
    private String revokedKey;
    private String platformKey;
    private String platformName;
    private String adminB;
    private String projectB;
    private final Map<String, String> fixtures = new LinkedHashMap<>();

    @Test
    void everyOperationAnswersEachKindOfKeyAsItsDeclaredAccessSays() {
        List<Operation> operations = operations();
        Map<String, Long> millis = new LinkedHashMap<>();
        for (Operation op : operations) {
            long began = System.nanoTime();
            operationsByAccess.merge(op.access(), 1, Integer::sum);
            for (Kind kind : Kind.values()) {
                check(op, kind);
            }
            if (op.mayChangeKeys()) {
                keepPlatformKeyLive();
            }
            millis.put(op.name(), (System.nanoTime() - began) / 1_000_000);
        }
        System.out.println("key-scope matrix, slowest operations (ms): " + millis.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5).toList());
        int requests = requestsByKind.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(Locale.ROOT, "key-scope matrix on %s: %d operations %s, %d requests %s, %d tenant comparisons, "
                        + "%d failures%n", store().kind(), operations.size(), operationsByAccess, requests, requestsByKind,
                tenantComparisons, failures.size());
        assertThat(operations).hasSameSizeAs(OpenApiValidatorHolder.operations());
        assertThat(failures).as("answers that differ from the declared access").isEmpty();
    }

    @Test
    void namingAnotherTenantsProjectInABodyAnswersAsNamingNoProject() {
        String missing = missingLike(p1);
        String start = "{\"permit\":{\"project_id\":\"%s\",\"idempotency_key\":\"x-1\",\"subject\":{\"type\":\"user\","
                + "\"id\":\"u1\"},\"action\":{\"name\":\"realtime.session\"},\"resource\":{\"type\":\"request\","
                + "\"id\":\"r1\",\"attributes\":{\"provider\":\"openai\",\"model\":\"gpt-4o-realtime-preview\"}}}}";
        String challenge = "{\"purpose\":\"session_start\",\"agent_id\":\"" + fixtures.get("agentId")
                + "\",\"idempotency_key\":\"x-1\",\"project\":\"%s\"}";
        String platform = "{\"surface\":\"voice\",\"name\":\"elsewhere\",\"callback_url\":"
                + "\"https://hooks.example.com/x\",\"project\":\"%s\"}";
        record Attempt(String path, String key, String body) {
        }
        List<Attempt> attempts = List.of(new Attempt("/v1/sessions", p2Key, start),
                new Attempt("/v1/sessions", adminB, start), new Attempt("/v1/voice/challenges", p2Key, challenge),
                new Attempt("/v1/platforms", adminB, platform), new Attempt("/v1/api-keys", adminB, "{\"project\":\"%s\"}"));
        for (Attempt a : attempts) {
            Http.Response real = http.post(a.path(), a.key(), a.body().formatted(p1));
            Http.Response absent = http.post(a.path(), a.key(), a.body().formatted(missing));
            assertThat(real.status()).as(a.path() + " " + real.body()).isEqualTo(404);
            assertThat(shape(real, Map.of())).as(a.path()).isEqualTo(shape(absent, Map.of(missing, p1)));
        }
    }

    @Test
    void aNameAnotherTenantUsesIsFreeRatherThanAConflict() throws Exception {
        // Workspace B already has a project named p1 (set up), as workspace A does. A project of its
        // own here, so that the matrix's lookups in p2 and in B's p1 still find nothing.
        created(http.post("/v1/projects", adminB, "{\"name\":\"names\"}"));
        Http.Response sidecar = http.post("/v1/sidecar-keys?project=names", adminB, "{\"key_id\":\"" + fixtures.get("key_id")
                + "\",\"algorithm\":\"ed25519\",\"public_key\":\"ed25519:" + ed25519PublicKey() + "\"}");
        assertThat(sidecar.status()).as(sidecar.body()).isEqualTo(201);
        Http.Response platformB = http.post("/v1/platforms", adminB, "{\"surface\":\"voice\",\"name\":\"" + platformName
                + "\",\"callback_url\":\"https://hooks.example.com/b\",\"project\":\"names\"}");
        assertThat(platformB.status()).as(platformB.body()).isEqualTo(201);
    }

    // ---- the checks ------------------------------------------------------------------------------

    private void check(Operation op, Kind kind) {
        String key = key(kind);
        if ((kind == Kind.NO_KEY) != (key == null)) {
            throw new IllegalStateException("no key for " + kind);
        }
        String path = path(op, fixtures, kind);
        Http.Response r = call(op, kind, path, key);
        if (r == null) {
            return;
        }
        String where = op.name() + " [" + op.access().wire() + "] with " + kind + ": " + r.status() + " " + brief(r);
        if (r.status() >= 500) {
            failures.add(where + " is a server error");
            return;
        }
        if (r.status() >= 400 && !isProblem(op, r)) {
            failures.add(where + " is an error that is not problem+json");
        }
        boolean needsKey = op.access() != Access.PUBLIC;
        switch (kind) {
            case NO_KEY, REVOKED_KEY -> {
                if (needsKey && (r.status() != 401 || r.header("WWW-Authenticate") == null)) {
                    failures.add(where + ": expected 401 with a WWW-Authenticate challenge");
                }
                if (!needsKey && r.status() == 401) {
                    failures.add(where + ": a public operation asked for a key");
                }
            }
            default -> {
                if (accepts(op.access(), kind)) {
                    if (r.status() == 401 || isForbidden(r)) {
                        failures.add(where + ": this kind of key is accepted");
                    }
                } else if (!isForbidden(r)) {
                    failures.add(where + ": expected 403 for this kind of key");
                }
            }
        }
        if (needsKey && accepts(op.access(), kind) && isForeign(op, kind)) {
            compareWithMissing(op, kind, path, key, r);
        }
    }

    private static boolean accepts(Access access, Kind kind) {
        return switch (access) {
            case PUBLIC, ANY -> true;
            case PROJECT -> kind != Kind.PLATFORM_KEY;
            case ADMIN -> kind == Kind.ADMIN_KEY || kind == Kind.OTHER_WORKSPACE_ADMIN;
        };
    }

    private static boolean isForeign(Operation op, Kind kind) {
        return kind == Kind.OTHER_WORKSPACE_ADMIN
                || (kind == Kind.OTHER_PROJECT_KEY && !WORKSPACE_SHARED.contains(op.operationId())
                && !isWorkspaceModule(op));
    }

    /**
     * The voice module's and the CRM's resources (under {@code /api/v1/}) belong to the workspace:
     * every key of it that is not a platform's may use them, whatever its project.
     */
    private static boolean isWorkspaceModule(Operation op) {
        return op.template().startsWith("/api/v1/");
    }

    /**
     * Another tenant asking for p1's objects (or naming p1) must get what it gets for objects that do
     * not exist: same status, same problem type, same detail once the ids are lined up.
     */
    private void compareWithMissing(Operation op, Kind kind, String realPath, String key, Http.Response real) {
        Map<String, String> missing = new LinkedHashMap<>();
        fixtures.forEach((name, id) -> missing.put(name, missingLike(id)));
        String missingPath = path(op, missing, kind);
        if (missingPath.equals(realPath)) {
            return;
        }
        tenantComparisons++;
        Http.Response absent = call(op, kind, missingPath, key);
        if (absent == null) {
            return;
        }
        String where = op.name() + " with " + kind;
        boolean namesAnObject = op.template().contains("{");
        if (namesAnObject && real.status() < 400) {
            failures.add(where + ": another tenant's object answered " + real.status() + " " + brief(real));
            return;
        }
        if (real.status() < 400) {
            // Naming p1 changed nothing (the operation ignores it): same status, and none of p1's data.
            if (real.status() != absent.status()) {
                failures.add(where + ": naming p1 answers " + real.status() + ", naming nothing that exists "
                        + absent.status());
            }
            fixtures.values().stream().filter(KeyScopeMatrixContract::isLongId).filter(id -> real.body().contains(id))
                    .forEach(id -> failures.add(where + ": the answer shows p1's " + id));
            return;
        }
        String realShape = shape(real, Map.of());
        String absentShape = shape(absent, invert(fixtures, missing));
        if (!realShape.equals(absentShape)) {
            failures.add(where + ": another tenant's object answers " + realShape + " but a missing one " + absentShape);
        }
    }

    private static boolean isLongId(String id) {
        return id.length() >= 16;
    }

    /** Fabricated id back to the real one (short values such as a version number are left alone). */
    private static Map<String, String> invert(Map<String, String> real, Map<String, String> missing) {
        Map<String, String> back = new LinkedHashMap<>();
        missing.forEach((name, id) -> {
            if (isLongId(id)) {
                back.put(id, real.get(name));
            }
        });
        return back;
    }

    /** Status, problem type and detail, with the fabricated ids put back to the real ones. */
    private static String shape(Http.Response r, Map<String, String> replacements) {
        String detail = "";
        String type = "";
        if (r.bytes().length > 0 && r.contentType() != null && r.contentType().contains("json")) {
            JsonNode body = r.json();
            detail = body.path("detail").asText("");
            type = body.path("type").asText("");
            if (type.isEmpty()) {
                detail = body.toString();
            }
        }
        for (Map.Entry<String, String> e : replacements.entrySet()) {
            detail = detail.replace(e.getKey(), e.getValue());
        }
        return r.status() + " " + type + " '" + detail + "'";
    }

    private static boolean isForbidden(Http.Response r) {
        return r.status() == 403 && r.bytes().length > 0 && r.json().path("type").asText().equals("urn:herald:problem:forbidden");
    }

    private static boolean isProblem(Operation op, Http.Response r) {
        String type = r.contentType() == null ? "" : r.contentType();
        // The registry's 404 is SPEC 13.1's fixed body {}, documented as such.
        return type.startsWith("application/problem+json")
                || (op.registry() && r.status() == 404 && r.body().equals("{}"));
    }

    private static String brief(Http.Response r) {
        String body = r.body();
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    private Http.Response call(Operation op, Kind kind, String path, String key) {
        requestsByKind.merge(kind, 1, Integer::sum);
        byte[] body = op.method().equals("GET") || op.method().equals("DELETE") ? null : EMPTY_OBJECT;
        try {
            return http.send(op.method(), path, key, body == null ? null : "application/json", body);
        } catch (AssertionError e) {
            // The response validator: an undocumented status, media type or body.
            failures.add(op.name() + " with " + kind + ": " + e.getMessage());
            return null;
        }
    }

    // ---- requests --------------------------------------------------------------------------------

    private String key(Kind kind) {
        return switch (kind) {
            case NO_KEY -> null;
            case REVOKED_KEY -> revokedKey;
            case PLATFORM_KEY -> platformKey;
            case PROJECT_KEY -> p1Key;
            case ADMIN_KEY -> adminA;
            case OTHER_PROJECT_KEY -> p2Key;
            case OTHER_WORKSPACE_ADMIN -> adminB;
        };
    }

    /**
     * The operation's path with its parameters filled from {@code ids}. Admin keys name the
     * project they work in: tenant A's admin names p1, tenant B's admin its own project (so the
     * lookup of p1's object is what answers). A project key of p2 names nothing: it works in p2.
     */
    private String path(Operation op, Map<String, String> ids, Kind kind) {
        Matcher m = PARAM.matcher(op.template());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = ids.get(param(op, name));
            if (value == null) {
                throw new AssertionError(op.name() + ": the matrix has no fixture for path parameter '" + name
                        + "'; add one to KeyScopeMatrixContract.setUp");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        String project = switch (kind) {
            case ADMIN_KEY -> p1;
            case OTHER_WORKSPACE_ADMIN -> projectB;
            default -> null;
        };
        // Where the path names no object, another tenant names p1 itself.
        if (!op.template().contains("{") && (kind == Kind.OTHER_WORKSPACE_ADMIN || kind == Kind.OTHER_PROJECT_KEY)) {
            project = ids.get("project");
        }
        return project == null ? out.toString() : out + "?project=" + project;
    }

    /** Which fixture a path parameter names; {@code {id}} depends on the collection it is in. */
    private static String param(Operation op, String name) {
        if (!name.equals("id")) {
            return name;
        }
        String t = op.template();
        if (t.startsWith("/v1/webhooks/endpoints/")) {
            return "endpoint";
        }
        if (t.startsWith("/v1/webhooks/deliveries/")) {
            return "delivery";
        }
        if (t.startsWith("/v1/platforms/")) {
            return "platform";
        }
        if (t.startsWith("/api/v1/voice/knowledge/documents/")) {
            return "knowledge_document";
        }
        if (t.startsWith("/api/v1/voice/calendars/")) {
            return "calendar";
        }
        if (t.startsWith("/api/v1/voice/profiles/")) {
            return "profile";
        }
        if (t.startsWith("/api/v1/voice/numbers/")) {
            return "number";
        }
        if (t.startsWith("/api/v1/voice/recordings/")) {
            return "recording";
        }
        return t;
    }

    /** A value shaped like {@code real} (same length, same character classes) that names nothing. */
    static String missingLike(String real) {
        char[] c = real.toCharArray();
        String hex = "0123456789abcdef";
        for (int i = Math.max(0, c.length - 6); i < c.length; i++) {
            int h = hex.indexOf(c[i]);
            if (h >= 0) {
                c[i] = hex.charAt((h + 7) % 16);
            } else if (c[i] >= 'a' && c[i] <= 'z') {
                c[i] = (char) ('a' + (c[i] - 'a' + 7) % 26);
            } else if (c[i] >= 'A' && c[i] <= 'Z') {
                c[i] = (char) ('A' + (c[i] - 'A' + 7) % 26);
            }
        }
        return new String(c);
    }

    private List<Operation> operations() {
        JsonNode doc = OpenApiValidatorHolder.document();
        List<Operation> ops = new ArrayList<>();
        for (String op : OpenApiValidatorHolder.operations()) {
            String method = op.substring(0, op.indexOf(' '));
            String template = op.substring(op.indexOf(' ') + 1);
            JsonNode operation = doc.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
            Access access = Access.fromWire(operation.path(RouteAccess.EXTENSION).asText(""))
                    .orElseThrow(() -> new AssertionError(op + " declares no " + RouteAccess.EXTENSION));
            boolean registry = template.startsWith("/v1/registry/");
            ops.add(new Operation(method, template, operation.path("operationId").asText(), access, registry));
        }
        ops.sort(Comparator.comparingInt(Operation::order).thenComparing(Operation::name));
        return ops;
    }

    // ---- fixtures --------------------------------------------------------------------------------

    /** A call of workspace A, written straight into the calls table (placing one needs the whole voice module). */
    @BeforeAll
    void setUp() throws Exception {
        String workspaceA = "matrix-a-" + UUID.randomUUID();
        IssuedKey issuedA = herald.services().bootstrap().createKey(workspaceA, null, "admin");
        adminA = issuedA.secret().reveal();
        p1 = created(http.post("/v1/projects", adminA, "{\"name\":\"p1\"}")).path("id").asText();
        created(http.post("/v1/projects", adminA, "{\"name\":\"p2\"}"));
        p1Key = created(http.post("/v1/api-keys", adminA, "{\"project\":\"p1\"}")).path("key").asText();
        p2Key = created(http.post("/v1/api-keys", adminA, "{\"project\":\"p2\"}")).path("key").asText();
        JsonNode revoked = created(http.post("/v1/api-keys", adminA, "{\"project\":\"p1\"}"));
        revokedKey = revoked.path("key").asText();
        herald.services().apiKeys().revoke(revoked.path("workspace_id").asText(), revoked.path("id").asText());
        registerPlatform();

        adminB = herald.services().bootstrap().createKey("matrix-b-" + UUID.randomUUID(), null, "admin").secret().reveal();
        projectB = created(http.post("/v1/projects", adminB, "{\"name\":\"p1\"}")).path("id").asText();

        fixtures.put("project", p1);
        String policy = created(http.post("/v1/policies", p1Key, "{\"name\":\"matrix\",\"policy_json\":{}}"))
                .path("policy_id").asText();
        fixtures.put("policy_id", policy);
        fixtures.put("version", "1");
        created(http.post("/v1/sidecar-keys", p1Key, "{\"key_id\":\"matrix-sidecar-ed25519\",\"algorithm\":\"ed25519\","
                + "\"public_key\":\"ed25519:" + ed25519PublicKey() + "\"}"));
        fixtures.put("key_id", "matrix-sidecar-ed25519");
        String session = created(http.post("/v1/sessions", p1Key, "{\"permit\":{\"project_id\":\"" + p1 + "\","
                + "\"idempotency_key\":\"matrix-call\",\"subject\":{\"type\":\"user\",\"id\":\"u1\"},"
                + "\"action\":{\"name\":\"realtime.session\"},\"resource\":{\"type\":\"request\",\"id\":\"r1\","
                + "\"attributes\":{\"provider\":\"openai\",\"model\":\"gpt-4o-realtime-preview\"}}}}"))
                .path("session_id").asText();
        fixtures.put("session_id", session);
        fixtures.put("endpoint", created(http.post("/v1/webhooks/endpoints", adminA,
                "{\"url\":\"https://hooks.example.com/herald\"}")).path("id").asText());
        Http.Response deliveries = http.get("/v1/webhooks/deliveries", adminA);
        assertThat(deliveries.json().path("data")).as(deliveries.body()).isNotEmpty();
        fixtures.put("delivery", deliveries.json().path("data").get(0).path("id").asText());
        HybridKeyPair root = HybridKeyPair.generate(RANDOM);
        created(http.post("/v1/ratify/principals", adminA, "{\"public_key\":"
                + new String(RatifyJson.encode(root.publicKey()), StandardCharsets.UTF_8) + "}"));
        fixtures.put("humanId", root.id());
        fixtures.put("rootId", root.id());
        HybridKeyPair agent = HybridKeyPair.generate(RANDOM);
        created(http.post("/v1/ratify/agents", p1Key, "{\"public_key\":"
                + new String(RatifyJson.encode(agent.publicKey()), StandardCharsets.UTF_8)
                + ",\"name\":\"Ava\",\"agent_type\":\"voice_agent\"}"));
        fixtures.put("agentId", agent.id());
        fixtures.put("lead_id", created(http.post("/api/v1/crm/leads", p1Key, "{\"phone\":\"+14155550177\"}"))
                .path("id").asText());
        fixtures.put("knowledge_document", created(http.post("/api/v1/voice/knowledge/documents", p1Key,
                "{\"title\":\"Matrix\",\"text\":\"The matrix knows every key.\"}")).path("id").asText());
        String calendar = created(http.post("/api/v1/voice/calendars", p1Key,
                "{\"name\":\"Matrix\",\"time_zone\":\"UTC\"}")).path("id").asText();
        fixtures.put("calendar", calendar);
        java.time.LocalDate monday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(7)
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
        fixtures.put("booking_id", created(http.post("/api/v1/voice/calendars/" + calendar + "/bookings", p1Key,
                "{\"start\":\"" + monday + "T09:00:00Z\"}")).path("id").asText());
        String profile = created(http.post("/api/v1/voice/profiles", p1Key, "{\"name\":\"Matrix\"}")).path("id").asText();
        fixtures.put("profile", profile);
        fixtures.put("number", created(http.post("/api/v1/voice/numbers", p1Key, "{\"number\":\"+14155550199\","
                + "\"profile_id\":\"" + profile + "\"}")).path("id").asText());
        // A lead on the do-not-call list: its call is refused by the gate and stored, never dialled.
        String dnc = created(http.post("/api/v1/crm/leads", p1Key, "{\"phone\":\"+14155550188\",\"do_not_call\":true}"))
                .path("id").asText();
        String call = created(http.post("/api/v1/voice/calls", p1Key, "{\"direction\":\"outbound\",\"lead_id\":\""
                + dnc + "\",\"profile_id\":\"" + profile + "\"}")).path("id").asText();
        fixtures.put("call_id", call);
        String workspace = http.get("/v1/me", p1Key).json().path("workspace").path("id").asText();
        dev.herald.voice.recordings.Wav.Format pcm = new dev.herald.voice.recordings.Wav.Format(8_000, 1, 16);
        fixtures.put("recording", herald.services().voice().recordings().keep(workspace, call,
                dev.herald.voice.recordings.Wav.write(pcm, new byte[1_600])).id());
        // A follow-up of workspace A: another workspace's list must not show it.
        dev.herald.voice.followups.FollowUpResult followUp = herald.services().voice().followUps().request(
                new dev.herald.voice.followups.FollowUpRequest(workspace, call, fixtures.get("lead_id"),
                        herald.services().voice().leads().get(workspace, fixtures.get("lead_id")).lead(), "Matrix",
                        List.of(), java.util.Optional.empty()));
        fixtures.put("follow_up", ((dev.herald.voice.followups.FollowUpResult.Requested) followUp).followUp().id());
        fixtures.put("campaign_id", created(http.post("/api/v1/voice/campaigns", p1Key, "{\"lead_ids\":[\"" + dnc
                + "\"],\"objective\":\"qualify_for_demo\",\"profile_id\":\"" + profile + "\"}")).path("id").asText());
    }

    /** A platform of p1 and its own key (again when an operation disabled it or rotated its key). */
    private void registerPlatform() {
        platformName = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode registered = created(http.post("/v1/platforms", adminA, "{\"surface\":\"voice\",\"name\":\""
                + platformName + "\",\"callback_url\":\"https://hooks.example.com/platform\",\"project\":\"p1\"}"));
        platformKey = registered.path("api_key").asText();
        fixtures.put("platform", registered.path("platform").path("id").asText());
    }

    private void keepPlatformKeyLive() {
        if (http.get("/v1/me", platformKey).status() == 401) {
            registerPlatform();
        }
    }

    private static String ed25519PublicKey() throws Exception {
        byte[] spki = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    private static JsonNode created(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** The document the server serves, read once. */
    private static final class OpenApiValidatorHolder {
        private static final dev.herald.server.testing.OpenApiValidator VALIDATOR =
                dev.herald.server.testing.OpenApiValidator.herald();

        static JsonNode document() {
            return VALIDATOR.document();
        }

        static List<String> operations() {
            return VALIDATOR.operations();
        }
    }
}
