package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.governance.attest.ExportRoutes;
import dev.herald.platform.store.Database;
import dev.herald.server.testing.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole session lifecycle over a real port, ending in an artifact that passes every check of herald verify. */
abstract class SessionLifecycleContract extends RealtimeTestBase {

    @Test
    void wholeLifecycle_endsWithAnArtifactThatPassesEveryCheck() {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        Http.Response started = post(t, "/v1/sessions", startBody(t, "idem-lifecycle", 250_000L));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode s = started.json();
        String id = s.get("session_id").asText();
        assertThat(s.get("decision").asText()).isEqualTo("allow");
        assertThat(s.get("status").asText()).isEqualTo("active");
        assertThat(s.get("permit_id").asText()).startsWith("perm_");
        assertThat(s.get("policy_snapshot_id").asText()).startsWith("ps_");
        assertThat(s.get("policy_snapshot_hash").asText()).matches("[0-9a-f]{64}");
        assertThat(s.get("budget").get("total_micros").asLong()).isEqualTo(250_000);
        assertThat(s.get("authorization_trace").isArray()).isTrue();

        JsonNode batch = acceptedEvents(t, id, sidecar.signEd(id, marker("started")),
                sidecar.signEd(id, audio("inbound")), sidecar.signMl(id, transcript("inbound", "I approve the lookup.")),
                sidecar.signSessionCert(id, audio("outbound"), null));
        List<String> hashes = new ArrayList<>();
        for (JsonNode r : batch.get("results")) {
            assertThat(r.get("signature_status").asText()).isEqualTo("verified");
            hashes.add(r.get("event_hash").asText());
        }
        assertThat(batch.get("results").get(0).get("sequence").asLong()).isEqualTo(2);

        Http.Response turn = turn(t, id, 280, 120, 4500);
        assertThat(turn.status()).as(turn.body()).isEqualTo(200);
        assertThat(turn.json().get("decision").asText()).isEqualTo("allow");
        assertThat(turn.json().get("turn_index").asInt()).isEqualTo(1);
        assertThat(turn.json().get("budget").get("remaining_micros").asLong()).isEqualTo(250_000 - 4500);

        ObjectNode withTool = MAPPER.createObjectNode().put("input_tokens", 10).put("output_tokens", 5)
                .put("risk_budget_used_micros", 100);
        withTool.putObject("tool_call").put("tool_name", "lookup_order_status").put("call_id", "call_1")
                .putObject("arguments").put("order_id", "A-1");
        Http.Response toolTurn = post(t, "/v1/sessions/" + id + "/turns", withTool);
        JsonNode permit = toolTurn.json().get("tool_call_permit");
        assertThat(permit.get("parent_permit_id").asText()).isEqualTo(s.get("permit_id").asText());
        assertThat(permit.get("action_name").asText()).isEqualTo("lookup_order_status");
        assertThat(permit.get("binding_session_event_hash").asText()).startsWith("sha256:");

        ObjectNode action = MAPPER.createObjectNode().put("tool_name", "send_summary").put("call_id", "call_2");
        action.putObject("arguments").put("to", "crm");
        Http.Response actionPermit = post(t, "/v1/sessions/" + id + "/action-permits", action);
        assertThat(actionPermit.status()).as(actionPermit.body()).isEqualTo(201);
        assertThat(actionPermit.json().get("permit").get("action_verb").asText()).isEqualTo("ai.generate");

        JsonNode ended = end(t, id);
        assertThat(ended.get("status").asText()).isEqualTo("ended");
        assertThat(ended.get("turn_count").asInt()).isEqualTo(2);
        assertThat(ended.get("cumulative_usage").get("input_tokens").asLong()).isEqualTo(290);
        JsonNode artifact = ended.get("attestation_artifact");
        assertThat(artifact.get("schema").asText()).isEqualTo("keel.voice.attestation.phase_a");
        assertThat(artifact.get("tsa_status").asText()).isEqualTo("granted");
        // The hashes the sidecar was given at ingestion are the artifact's chain entries.
        List<String> chain = new ArrayList<>();
        artifact.get("chain").forEach(e -> chain.add(e.get("content_hash").asText()));
        assertThat(chain).containsSubsequence(hashes);
        assertThat(chain.getLast()).isEqualTo(artifact.get("chain_head").get("content_hash").asText());
        assertThat(artifact.get("permits").get("child_tool_call_permits")).hasSize(2);
        assertThat(artifact.get("session_metadata").get("policy_snapshot_hash").asText())
                .isEqualTo(s.get("policy_snapshot_hash").asText());
        assertAllPass(verify(artifact));

        Http.Response storedResponse = get(t, "/v1/sessions/" + id + "/attestation");
        JsonNode stored = storedResponse.json();
        assertThat(stored).isEqualTo(artifact);
        // Served as signed: the canonical bytes, byte for byte.
        assertThat(storedResponse.bytes()).isEqualTo(dev.herald.evidence.json.CanonicalJson.bytes(stored));
        JsonNode view = get(t, "/v1/sessions/" + id).json();
        assertThat(view.get("status").asText()).isEqualTo("ended");
        assertThat(view.get("chain_head").get("content_hash").asText())
                .isEqualTo(artifact.get("chain_head").get("content_hash").asText());
    }

    @Test
    void concurrentAtomsAndTurns_produceOneLinearChain() throws Exception {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        String id = start(t, 1_000_000L);
        int threads = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                int ok = 0;
                for (int j = 0; j < 5; j++) {
                    if (n % 2 == 0) {
                        Http.Response r = events(t, id, sidecar.signEd(id, audio("inbound")),
                                sidecar.signEd(id, transcript("inbound", "t" + n + "-" + j)));
                        ok += r.json().get("accepted_count").asInt();
                    } else {
                        ok += turn(t, id, 1, 1, 10).json().get("decision").asText().equals("allow") ? 1 : 0;
                    }
                }
                return ok;
            }));
        }
        int total = 0;
        for (var f : futures) {
            total += f.get();
        }
        pool.shutdown();
        assertThat(total).isEqualTo(4 * 5 * 2 + 4 * 5);
        List<Long> seqs = herald.services().db().read(h -> h.createQuery(
                "SELECT seq FROM session_events WHERE session_id = :s ORDER BY seq").bind("s", id).mapTo(Long.class).list());
        assertThat(seqs).hasSize(1 + total);
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(i + 1L);
        }
        JsonNode artifact = end(t, id).get("attestation_artifact");
        assertThat(artifact.get("chain")).hasSize(seqs.size() + 1);
        assertThat(verify(artifact).verified()).isTrue();
    }

    @Test
    void endedSession_refusesEverythingWith409() {
        Tenant t = tenant();
        String id = start(t, null);
        end(t, id);
        assertProblem(events(t, id, audio("inbound")), 409, null);
        assertProblem(turn(t, id, 1, 1, 1), 409, null);
        assertProblem(post(t, "/v1/sessions/" + id + "/end", MAPPER.createObjectNode()), 409, null);
        ObjectNode action = MAPPER.createObjectNode().put("tool_name", "x").put("call_id", "c");
        assertProblem(post(t, "/v1/sessions/" + id + "/action-permits", action), 409, null);
    }

    @Test
    void anotherProjectsSession_isNotFound() {
        Tenant owner = tenant();
        Tenant other = tenant();
        String id = start(owner, 1000L);
        assertProblem(get(other, "/v1/sessions/" + id), 404, null);
        assertProblem(events(other, id, audio("inbound")), 404, null);
        assertProblem(turn(other, id, 1, 1, 1), 404, null);
        assertProblem(post(other, "/v1/sessions/" + id + "/end", MAPPER.createObjectNode()), 404, null);
        assertProblem(get(other, "/v1/sessions/" + id + "/attestation"), 404, null);
        assertProblem(http.get("/v1/sessions/" + id, other.adminKey()), 404, null);
        // The owner's workspace admin key finds it.
        assertThat(http.get("/v1/sessions/" + id, owner.adminKey()).status()).isEqualTo(200);
        assertThat(eventCount(id)).isEqualTo(1);
    }

    @Test
    void startReplay_returnsTheFirstAnswer_andAConflictingReuseIs409() {
        Tenant t = tenant();
        ObjectNode body = startBody(t, "idem-replay", 5000L);
        Http.Response first = post(t, "/v1/sessions", body);
        Http.Response again = post(t, "/v1/sessions", body);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertProblem(post(t, "/v1/sessions", startBody(t, "idem-replay", 6000L)), 409, null);
    }

    @Test
    void batchReplay_isANoOpReturningTheOriginalResults_andAtomsAreDeduplicated() {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        String id = start(t, null);
        ObjectNode a = sidecar.signEd(id, audio("inbound"));
        ObjectNode body = MAPPER.createObjectNode().put("batch_idempotency_key", "batch-1");
        body.putArray("events").add(a);
        Http.Response first = post(t, "/v1/voice/sessions/" + id + "/events", body);
        Http.Response replay = post(t, "/v1/voice/sessions/" + id + "/events", body);
        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventCount(id)).isEqualTo(2);
        Http.Response dup = events(t, id, a, sidecar.signEd(id, audio("outbound")));
        assertThat(dup.json().get("results").get(0).get("status").asText()).isEqualTo("duplicate");
        assertThat(dup.json().get("results").get(0).get("event_hash").asText())
                .isEqualTo(first.json().get("results").get(0).get("event_hash").asText());
        assertThat(dup.json().get("results").get(1).get("status").asText()).isEqualTo("accepted");
        ObjectNode changed = body.deepCopy();
        changed.withArray("events").add(sidecar.signEd(id, audio("outbound")));
        assertProblem(post(t, "/v1/voice/sessions/" + id + "/events", changed), 409, null);
        assertThat(eventCount(id)).isEqualTo(3);
    }

    @Test
    void interruptionEvidence_isSignedAndChained() {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        String id = start(t, null);
        ObjectNode state = MAPPER.createObjectNode();
        state.put("interruption_id", "int-1");
        state.put("captured_at_ns", "1780513203000000000");
        state.put("delivered_digest", "sha256:" + "11".repeat(32));
        state.put("withheld_digest", "sha256:" + "22".repeat(32));
        state.put("replacement_digest", "sha256:" + "33".repeat(32));
        state.put("cutoff_offset_ms", 840);
        state.putObject("provider_cancel").put("acknowledged", true).put("provider_event_id", "resp_cancel_1");
        state.put("redaction_profile_id", "redact-pci");
        state.put("retention_profile_id", "retain-30d");
        // Unsigned under enforce: refused, nothing written.
        assertProblem(post(t, "/v1/sessions/" + id + "/interruption-events", state), 422, "signatures");
        ObjectNode payload = state.deepCopy();
        payload.remove(List.of("interruption_id", "captured_at_ns"));
        ObjectNode asAtom = MAPPER.createObjectNode().put("atom_type", "interruption_state")
                .put("idempotency_key", "int-1").put("captured_at_ns", "1780513203000000000");
        asAtom.set("payload", payload);
        state.putArray("signatures").addObject().put("algorithm", "ed25519").put("key_id", sidecar.edKeyId)
                .put("signature", Sidecar.b64(signEdRaw(sidecar, id, asAtom)));
        Http.Response r = post(t, "/v1/sessions/" + id + "/interruption-events", state);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("signature_status").asText()).isEqualTo("verified");
        Http.Response again = post(t, "/v1/sessions/" + id + "/interruption-events", state);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("event_hash")).isEqualTo(r.json().get("event_hash"));
        assertThat(eventCount(id)).isEqualTo(2);
        // The same interruption_id with another, validly signed state is a conflict, as every other replay is.
        ObjectNode changed = state.deepCopy().put("cutoff_offset_ms", 841);
        ObjectNode changedAtom = asAtom.deepCopy();
        ((ObjectNode) changedAtom.get("payload")).put("cutoff_offset_ms", 841);
        ((ObjectNode) changed.get("signatures").get(0)).put("signature", Sidecar.b64(signEdRaw(sidecar, id, changedAtom)));
        assertProblem(post(t, "/v1/sessions/" + id + "/interruption-events", changed), 409, "interruption_id");
        assertThat(eventCount(id)).isEqualTo(2);
    }

    private static byte[] signEdRaw(Sidecar sidecar, String sessionId, ObjectNode atom) {
        ObjectNode signed = sidecar.signEd(sessionId, atom.deepCopy());
        return java.util.Base64.getDecoder().decode(signed.get("signatures").get(0).get("signature").asText());
    }

    @Test
    void complianceExport_isSignedAndVerifies() {
        Sidecar sidecar = new Sidecar("gw");
        Tenant t = tenant(sidecar);
        String id = start(t, null);
        acceptedEvents(t, id, sidecar.signEd(id, marker("started")));
        end(t, id);
        String other = start(t, null);
        end(t, other);
        ObjectNode body = MAPPER.createObjectNode().put("export_type", "full_audit").put("format", "json");
        body.putObject("filters").put("request_id", id).put("include_replay_evidence", true);
        Http.Response r = post(t, "/v1/compliance/exports", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode export = r.json();
        assertThat(export.get("manifest").get("session_count").asInt()).isEqualTo(1);
        assertThat(export.get("export").get("sessions").get(0).get("session_id").asText()).isEqualTo(id);
        assertThat(verify(export).verified()).as(verify(export).toString()).isTrue();
        ObjectNode bad = MAPPER.createObjectNode().put("export_type", "partial");
        assertProblem(post(t, "/v1/compliance/exports", bad), 422, "export_type");
    }

    @Test
    void anInvalidExportBody_isA422NamingEveryBadField_andUnknownMembersAreIgnored() {
        Tenant t = tenant();
        ObjectNode bad = MAPPER.createObjectNode().put("export_type", "partial").put("format", "csv")
                .put("comment", "ignored");
        ObjectNode filters = bad.putObject("filters").put("from", "yesterday").put("to", "2026-01-01T00:00:00Z");
        filters.putArray("session_id").add("sess_1").add(7);
        Http.Response r = post(t, "/v1/compliance/exports", bad);
        assertProblem(r, 422, null);
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactly("export_type", "format", "filters.session_id[1]", "filters.from");
        ObjectNode backwards = MAPPER.createObjectNode();
        backwards.putObject("filters").put("from", "2026-01-02T00:00:00Z").put("to", "2026-01-01T00:00:00Z");
        assertProblem(post(t, "/v1/compliance/exports", backwards), 422, "filters.to");
        ObjectNode notBoolean = MAPPER.createObjectNode();
        notBoolean.putObject("filters").put("include_replay_evidence", "yes");
        assertProblem(post(t, "/v1/compliance/exports", notBoolean), 422, "filters.include_replay_evidence");
        Http.Response unknownOnly = post(t, "/v1/compliance/exports", MAPPER.createObjectNode().put("note", "x"));
        assertThat(unknownOnly.status()).as(unknownOnly.body()).isEqualTo(201);
    }

    @Test
    void badSessionBodies_areOne422NamingEveryBadField_andUnknownMembersAreIgnored() {
        Tenant t = tenant();
        ObjectNode start = startBody(t, "has space", null).put("risk_budget_total_micros", -1).put("note", "ignored");
        ObjectNode permit = (ObjectNode) start.get("permit");
        ((ObjectNode) permit.get("subject")).remove("id");
        ((ObjectNode) permit.get("resource").get("attributes")).put("execution_mode", "batch");
        assertThat(fields(post(t, "/v1/sessions", start))).containsExactly("permit.idempotency_key",
                "permit.subject.id", "permit.resource.attributes.execution_mode", "risk_budget_total_micros");

        String id = start(t, null);
        ObjectNode turn = MAPPER.createObjectNode().put("input_tokens", -1).put("note", "ignored");
        turn.putObject("tool_call").put("call_id", "c1").putObject("arguments").put("amount", 1.5);
        assertThat(fields(post(t, "/v1/sessions/" + id + "/turns", turn)))
                .containsExactly("input_tokens", "tool_call.tool_name", "tool_call.arguments.amount");
        ObjectNode permitBody = MAPPER.createObjectNode().put("call_id", " ").put("note", "ignored");
        assertThat(fields(post(t, "/v1/sessions/" + id + "/action-permits", permitBody)))
                .containsExactly("tool_name", "call_id");
        ObjectNode end = MAPPER.createObjectNode().put("note", "ignored");
        end.putArray("usage_metrics").add(7).addObject().put("meter", "audio_seconds").put("quantity", -3);
        end.putObject("metadata").put("ratio", 0.5);
        assertThat(fields(post(t, "/v1/sessions/" + id + "/end", end)))
                .containsExactly("usage_metrics[0]", "usage_metrics[1].quantity", "metadata.ratio");

        ObjectNode fine = MAPPER.createObjectNode().put("note", "ignored");
        fine.putArray("usage_metrics").addObject().put("meter", "audio_seconds").put("quantity", 3);
        Http.Response ended = post(t, "/v1/sessions/" + id + "/end", fine);
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
    }

    private static List<String> fields(Http.Response r) {
        assertProblem(r, 422, null);
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    @Test
    void exportTimeRange_narrowsTheSessionsBeforeTheCap() {
        Tenant t = tenant();
        String recent = start(t, null);
        end(t, recent);
        // As many sessions as one export may hold, all ended in 2020 (copies of the row, no events).
        Database db = herald.services().db();
        Map<String, Object> row = db.read(h -> h.createQuery("SELECT * FROM realtime_sessions WHERE id = :id")
                .bind("id", recent).mapToMap().one());
        long old = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
        db.write(h -> {
            for (int i = 0; i < ExportRoutes.MAX_SESSIONS; i++) {
                Map<String, Object> copy = new LinkedHashMap<>(row);
                copy.put("id", "sess_old_" + i + "_" + recent.substring(recent.length() - 12));
                copy.put("idempotency_key", "old-" + i);
                copy.put("started_at", old + i);
                copy.put("ended_at", old + i + 1);
                copy.put("last_occurred_at", old + i + 1);
                h.createUpdate("INSERT INTO realtime_sessions (<cols>) VALUES (<vals>)")
                        .defineList("cols", new ArrayList<>(copy.keySet()))
                        .bindList("vals", new ArrayList<>(copy.values())).execute();
            }
            return null;
        });
        ObjectNode everything = MAPPER.createObjectNode().put("export_type", "full_audit");
        assertProblem(post(t, "/v1/compliance/exports", everything), 422, "narrow it");

        ObjectNode sinceYesterday = everything.deepCopy();
        sinceYesterday.putObject("filters").put("from", Instant.now().minus(Duration.ofDays(1)).toString());
        Http.Response r = post(t, "/v1/compliance/exports", sinceYesterday);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("manifest").get("session_count").asInt()).isEqualTo(1);
        assertThat(r.json().get("export").get("sessions").get(0).get("session_id").asText()).isEqualTo(recent);
    }
}
