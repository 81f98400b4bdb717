package dev.herald.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.verify.EvidenceVerifier;
import dev.herald.evidence.verify.VerifyOptions;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.server.Herald;
import dev.herald.server.testing.Http;
import dev.herald.voice.calls.CallRecord;
import dev.herald.voice.core.simulation.Persona;
import dev.herald.voice.core.simulation.Personas;
import dev.herald.voice.governed.WorkspaceGovernance;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A fresh workspace of a running Herald, set up over HTTP as a customer sets one up: an admin key,
 * then on demand a profile, knowledge, leads in the CRM and a voice policy. Calls made in it run
 * over the server's own wiring: its profiles, CRM, knowledge, built-in calendar and governance.
 */
public final class VoiceWorkspace {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Herald herald;
    private final Http http;
    private final IssuedKey issued;
    private int phones;

    private VoiceWorkspace(Herald herald, Http http, IssuedKey issued) {
        this.herald = herald;
        this.http = http;
        this.issued = issued;
    }

    /** A new workspace with an admin key, served by {@code herald} and reached through {@code http}. */
    public static VoiceWorkspace create(Herald herald, Http http) {
        return new VoiceWorkspace(herald, http,
                herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin"));
    }

    public String id() {
        return issued.workspaceId();
    }

    /** The admin key's secret. */
    public String key() {
        return issued.secret().reveal();
    }

    /** A profile from the default template ({@code qualify_for_demo}); its id. */
    public String profile() {
        return created(http.post("/api/v1/voice/profiles", key(), "{\"name\":\"Ava\"}")).path("id").asText();
    }

    /** Uploads a knowledge document for the agent's {@code search_knowledge}. */
    public void knowledge(String title, String text) {
        created(http.post("/api/v1/voice/knowledge/documents", key(),
                JSON.createObjectNode().put("title", title).put("text", text).toString()));
    }

    /** A lead in the CRM with a phone of its own; {@code timeZone} null leaves it out. Its id. */
    public String lead(String name, String timeZone, String consent, boolean doNotCall) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("company", "Analytical Engines")
                .put("phone", "+1202555" + String.format("%04d", ++phones)).put("consent", consent)
                .put("do_not_call", doNotCall);
        if (timeZone != null) {
            body.put("time_zone", timeZone);
        }
        return created(http.post("/api/v1/crm/leads", key(), body.toString())).path("id").asText();
    }

    /**
     * A callable lead (consent granted, noon where it lives) whom the simulated provider plays as
     * {@code persona}. The persona follows from the lead's id, which the CRM chooses, so leads are
     * added until one comes out as asked; the others stay in the CRM, never called.
     */
    public String leadPlayedAs(Persona persona) {
        for (int tries = 0; tries < 200; tries++) {
            String id = lead("Ada Lovelace", zoneAtHour(12), "granted", false);
            if (Personas.forLead(id).persona() == persona) {
                return id;
            }
        }
        throw new AssertionError("no lead played as " + persona + " in 200 tries");
    }

    /** The lead as {@code GET /api/v1/crm/leads/{id}} answers it, its verdicts newest first. */
    public JsonNode readLead(String leadId) {
        return ok(http.get("/api/v1/crm/leads/" + leadId, key()), 200);
    }

    /**
     * Adds a policy to the workspace's voice project (created now if no call has created it yet)
     * that allows only {@code tools}: the project's policies govern every call started after it.
     */
    public void allowOnlyTools(List<String> tools) {
        Http.Response existing = http.get("/v1/projects/" + WorkspaceGovernance.PROJECT, key());
        String project = (existing.status() == 200 ? existing.json() : created(http.post("/v1/projects", key(),
                JSON.createObjectNode().put("name", WorkspaceGovernance.PROJECT).toString()))).path("id").asText();
        ObjectNode body = JSON.createObjectNode().put("name", "only-" + String.join("-", tools));
        body.putObject("policy_json").set("allowed_tools", JSON.valueToTree(tools));
        created(http.post("/v1/policies?project=" + project, key(), body.toString()));
    }

    /** The call once it is over (or as it stands after 90 s). */
    public CallRecord awaitEnd(String callId) {
        return until(callId, c -> !c.live());
    }

    /** The call once {@code reached} holds for it (or as it stands after 90 s). */
    public CallRecord until(String callId, Predicate<CallRecord> reached) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            CallRecord c = herald.services().voice().calls().get(id(), callId);
            if (reached.test(c) || System.nanoTime() > deadline) {
                return c;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Whether the session's attestation passes the offline verifier, pinned to this install's keys. */
    public boolean attestationVerifies(String projectId, String sessionId) {
        return verifies(herald.services().sessions().attestation(projectId, sessionId));
    }

    /** Whether {@code artifact} passes the offline verifier, pinned to this install's keys and TSA. */
    public boolean verifies(byte[] artifact) {
        return new EvidenceVerifier(VerifyOptions.defaults()
                .withTrustAnchors(List.of(herald.tsa().credentials().root()))
                .withPinnedKeys(herald.services().attestation().keys().verificationKeys()))
                .verify(artifact).verified();
    }

    /** An IANA region zone (as the CRM takes them: no {@code Etc/} offsets) where it is now {@code hour} o'clock. */
    public static String zoneAtHour(int hour) {
        Instant now = Instant.now();
        return ZoneId.getAvailableZoneIds().stream()
                .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted()
                .filter(z -> now.atZone(ZoneId.of(z)).getHour() == hour).findFirst()
                .orElseThrow(() -> new IllegalStateException("no region zone is at " + hour + " o'clock now"));
    }

    /** The body of {@code r}, which must have answered {@code status}. */
    public static JsonNode ok(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.json();
    }

    private static JsonNode created(Http.Response r) {
        return ok(r, 201);
    }
}
