package dev.herald.voice.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.auth.IssuedKey;
import dev.herald.platform.domain.Conflict;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.platform.store.Database;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.MeetingSlot;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service API other voice packages call (verdict write-back in the caller's transaction, the
 * update_lead tool's write, getAll, the built-in connector), read back over HTTP the way a CRM
 * reader sees it: the verdict history with the call, session and chain head of each call.
 */
abstract class LeadVerdictContract extends RunningHerald {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEADS = "/api/v1/crm/leads";
    private LeadService leads;
    private Database db;
    private String key;
    private String workspace;

    @BeforeEach
    void fresh() {
        leads = herald.services().voice().leads();
        db = herald.services().db();
        IssuedKey issued = herald.services().bootstrap().createKey("crm-verdict-" + UUID.randomUUID(), null, "admin");
        key = issued.secret().reveal();
        workspace = issued.workspaceId();
    }

    private String lead(String phone) {
        Http.Response r = http.post(LEADS, key, "{\"phone\":\"" + phone + "\",\"consent\":\"granted\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private static LeadVerdict verdict(String callId, CallOutcome outcome, int score, Instant at, MeetingSlot meeting) {
        JsonNode answers = JSON.createObjectNode().put("team_size", 120).put("budget", "USD 50000/year");
        return new LeadVerdict(callId, outcome, outcome == CallOutcome.QUALIFIED, score, answers,
                Optional.ofNullable(meeting), List.of(FollowUpReason.SEND_INFORMATION), "Spoke with the buyer.",
                "ses_" + callId, "sha256:" + "ab".repeat(32), at);
    }

    private void record(String leadId, LeadVerdict v) {
        db.write(h -> {
            leads.recordVerdict(h, workspace, leadId, v);
            return null;
        });
    }

    @Test
    void verdictsAreKeptNewestFirstWithTheLinksThatProveThem() {
        String id = lead("+14155550200");
        Instant t = Instant.parse("2026-11-20T15:00:00Z");
        record(id, verdict("call_first", CallOutcome.NO_ANSWER, 0, t, null));
        assertThat(http.get(LEADS + "/" + id, key).json().path("status").asText()).isEqualTo("contacted");
        MeetingSlot slot = new MeetingSlot(t.plusSeconds(86_400), t.plusSeconds(88_200), ZoneId.of("America/Chicago"));
        record(id, verdict("call_second", CallOutcome.QUALIFIED, 85, t.plusSeconds(3_600), slot));
        // A late write-back of an older call adds history but does not become the latest.
        record(id, verdict("call_late", CallOutcome.UNQUALIFIED, 10, t.plusSeconds(60), null));

        JsonNode lead = http.get(LEADS + "/" + id, key).json();
        assertThat(lead.path("status").asText()).isEqualTo("meeting_booked");
        assertThat(lead.path("verdict_count").asInt()).isEqualTo(3);
        assertThat(lead.path("last_verdict").path("call_id").asText()).isEqualTo("call_second");
        assertThat(lead.path("last_verdict").path("chain_head_hash").asText()).startsWith("sha256:");
        JsonNode history = lead.path("verdicts");
        assertThat(history).hasSize(3);
        assertThat(history.get(0).path("call_id").asText()).isEqualTo("call_second");
        assertThat(history.get(1).path("call_id").asText()).isEqualTo("call_late");
        assertThat(history.get(2).path("call_id").asText()).isEqualTo("call_first");
        JsonNode newest = history.get(0);
        assertThat(newest.path("session_id").asText()).isEqualTo("ses_call_second");
        assertThat(newest.path("score").asInt()).isEqualTo(85);
        assertThat(newest.path("answers").path("team_size").asInt()).isEqualTo(120);
        assertThat(newest.path("meeting").path("time_zone").asText()).isEqualTo("America/Chicago");
        assertThat(newest.path("meeting").path("start").asText()).isEqualTo("2026-11-21T15:00:00Z");
        assertThat(newest.path("follow_up_reasons").get(0).asText()).isEqualTo("send_information");

        assertThatThrownBy(() -> record(id, verdict("call_second", CallOutcome.QUALIFIED, 85, t, null)))
                .isInstanceOf(Conflict.class);
        Http.Response delete = http.send("DELETE", LEADS + "/" + id, key, null, null);
        assertThat(delete.status()).as("a called lead keeps its history").isEqualTo(409);
    }

    @Test
    void aDoNotCallOutcomePutsTheLeadOnTheListAndAnAgentCannotTakeItOff() {
        String id = lead("+14155550201");
        record(id, verdict("call_dnc", CallOutcome.DO_NOT_CALL, 0, Instant.parse("2026-11-20T15:00:00Z"), null));
        StoredLead after = leads.get(workspace, id);
        assertThat(after.lead().doNotCall()).isTrue();
        assertThat(after.lead().status().wire()).isEqualTo("do_not_call");

        db.write(h -> {
            leads.update(h, workspace, id, Map.of("do_not_call", "false", "custom_fields.reason", "asked on call"));
            return null;
        });
        StoredLead updated = leads.get(workspace, id);
        assertThat(updated.lead().doNotCall()).as("an agent never clears the flag").isTrue();
        assertThat(updated.lead().customFields()).containsEntry("reason", "asked on call");

        Http.Response patched = http.send("PATCH", LEADS + "/" + id, key, "application/json",
                "{\"do_not_call\":false}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("do_not_call").asBoolean()).isFalse();
        assertThat(patched.json().path("status").asText()).isEqualTo("contacted");

        String fresh = lead("+14155550206");
        http.send("PATCH", LEADS + "/" + fresh, key, "application/json",
                "{\"do_not_call\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Http.Response cleared = http.send("PATCH", LEADS + "/" + fresh, key, "application/merge-patch+json",
                "{\"do_not_call\":null}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(cleared.json().path("do_not_call").asBoolean()).isFalse();
        assertThat(cleared.json().path("status").asText()).as("never called: back to new").isEqualTo("new");
    }

    @Test
    void theToolsWriteIsCheckedLikeAPatchAndRollsBackWithItsTransaction() {
        String id = lead("+14155550202");
        assertThatThrownBy(() -> db.write(h -> {
            leads.update(h, workspace, id, Map.of("email", "nope", "phone", "+14155550999"));
            return null;
        })).isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors()).extracting(f -> f.field())
                .containsExactlyInAnyOrder("phone"));
        assertThatThrownBy(() -> db.write(h -> {
            leads.update(h, workspace, id, Map.of("email", "nope"));
            return null;
        })).isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("email"));
        assertThatThrownBy(() -> db.write(h -> {
            leads.update(h, workspace, id, Map.of("status", "qualified"));
            throw new IllegalStateException("the call's transaction fails later");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(leads.get(workspace, id).lead().status().wire()).isEqualTo("new");
        assertThatThrownBy(() -> db.write(h -> {
            leads.update(h, "ws_elsewhere", id, Map.of("status", "qualified"));
            return null;
        })).isInstanceOf(NotFound.class);
    }

    @Test
    void getAllNamesEveryUnknownIdAndKeepsTheOrderAsked() {
        String a = lead("+14155550203");
        String b = lead("+14155550204");
        assertThat(leads.getAll(workspace, List.of(b, a, b)).stream().map(StoredLead::id).toList()).containsExactly(b, a);
        assertThatThrownBy(() -> leads.getAll(workspace, List.of(a, "lead_missing", b, "lead_gone")))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.errors()).extracting(f -> f.field())
                        .containsExactly("lead_ids[1]", "lead_ids[3]"));
        assertThatThrownBy(() -> leads.get("ws_elsewhere", a)).isInstanceOf(NotFound.class);
        assertThat(leads.findByPhone(workspace, "+1 (415) 555-0204")).hasValueSatisfying(l -> assertThat(l.id()).isEqualTo(b));
        assertThat(leads.findByPhone(workspace, "415 555 0204")).isEmpty();
        assertThat(leads.findByPhone("ws_elsewhere", "+14155550204")).isEmpty();
    }

    @Test
    void theBuiltInConnectorUpsertsByPhoneAndPushesAVerdictAtLeastOnce() {
        HeraldCrm crm = new HeraldCrm(db, leads);
        String id = lead("+14155550205");
        StoredLead stored = leads.get(workspace, id);
        StoredLead renamed = new StoredLead("lead_external", workspace, stored.lead().withName("Renamed"), 0,
                Optional.empty(), stored.createdAt(), stored.updatedAt());
        crm.upsertLead(workspace, renamed);
        assertThat(leads.get(workspace, id).lead().name()).contains("Renamed");
        LeadVerdict v = verdict("call_push", CallOutcome.UNQUALIFIED, 20, Instant.parse("2026-11-21T10:00:00Z"), null);
        crm.pushVerdict(workspace, stored, v);
        crm.pushVerdict(workspace, stored, v);
        assertThat(leads.verdicts(workspace, id)).hasSize(1);
        assertThat(leads.get(workspace, id).lead().status().wire()).isEqualTo("unqualified");
        assertThat(crm.name()).isEqualTo("herald");
    }
}
