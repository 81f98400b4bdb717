package dev.herald.voice.followups;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.platform.webhooks.WebhookService;
import dev.herald.server.HeraldConfig;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.VoiceSettings;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.profile.Tool;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's send_follow_up on the voice module as the server wires it (no test ports): test calls
 * driven over HTTP with stored leads end with a follow-up record, exactly one webhook in the outbox
 * and the follow-up on the call's view; a lead that may not or cannot be reached makes the tool fail
 * and changes what the agent says; an agent without comms:message:send writes nothing; retention
 * empties old bodies.
 */
abstract class FollowUpContract extends RunningHerald {
    /** A qualified buyer who asks something the empty knowledge base cannot answer, then books the first slot. */
    static final List<String> QUALIFIED_WITH_A_QUESTION = List.of("Yes, that's fine.",
            "Yes, I sign off on tools like this.", "About 40 people.", "We have around 50 thousand dollars a year.",
            "Within the next month. Do you integrate with Zendesk?", "We use spreadsheets today.",
            "The first one works for me.");
    static final String COLLEAGUE = "I can't send that email from here, so a colleague will follow up instead.";
    private final ObjectMapper mapper = new ObjectMapper();
    private final java.util.concurrent.atomic.AtomicInteger phones = new java.util.concurrent.atomic.AtomicInteger(1000);
    String key;
    String ws;
    String profile;
    String agent;

    @Override
    protected HeraldConfig config() {
        return store().config().withVoice(VoiceSettings.COMPRESSED);
    }

    @BeforeEach
    void workspace() {
        key = herald.services().bootstrap().createKey("fu-" + UUID.randomUUID(), null, "admin").secret().reveal();
        ws = http.get("/v1/me", key).json().path("workspace").path("id").asText();
        herald.services().webhooks().create(ws, new WebhookService.EndpointSpec("https://example.com/hooks", "test",
                List.of("call.follow_up.requested"), null));
        JsonNode created = ok(http.post("/api/v1/voice/profiles", key, "{\"name\":\"Demos\",\"agent_name\":\"Ava\"}"),
                201);
        profile = created.path("id").asText();
        agent = created.path("agent_name").asText();
        assertThat(agent).isEqualTo("Ava");
    }

    // ---- helpers ----

    JsonNode ok(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.json();
    }

    String lead(String extra) {
        return ok(http.post("/api/v1/crm/leads", key, "{\"name\":\"Ada Lovelace\",\"phone\":\"+1415555" + phones.incrementAndGet() + "\",\"company\":\"Analytical Engines\",\"time_zone\":\"America/New_York\""
                + extra + "}"), 201).path("id").asText();
    }

    /** Opens a test call with {@code open} members and says each line; answers every step the agent took. */
    List<JsonNode> converse(String open, List<String> lines) {
        JsonNode opened = ok(http.post("/api/v1/voice/test-calls", key, "{\"profile_id\":\"" + profile + "\"," + open
                + "}"), 201);
        String id = opened.path("id").asText();
        List<JsonNode> steps = new java.util.ArrayList<>(list(opened.path("steps")));
        for (String line : lines) {
            JsonNode answer = ok(http.post("/api/v1/voice/test-calls/" + id + "/turns", key,
                    mapper.createObjectNode().put("text", line).toString()), 200);
            steps.addAll(list(answer.path("steps")));
            if (answer.path("ended").asBoolean()) {
                break;
            }
        }
        JsonNode call = ok(http.get("/api/v1/voice/test-calls/" + id, key), 200);
        assertThat(call.path("ended").asBoolean()).as("the conversation ended: " + call).isTrue();
        return steps.stream().map(s -> (JsonNode) ((com.fasterxml.jackson.databind.node.ObjectNode) s.deepCopy())
                .put("call_id", id)).toList();
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static Optional<JsonNode> followUpStep(List<JsonNode> steps) {
        return steps.stream().filter(s -> "tool_call".equals(s.path("type").asText())
                && Tool.SEND_FOLLOW_UP.wire().equals(s.path("tool").asText())).findFirst();
    }

    static String said(List<JsonNode> steps) {
        return String.join(" ", steps.stream().filter(s -> "say".equals(s.path("type").asText()))
                .map(s -> s.path("text").asText()).toList());
    }

    int outboxRows(String callId) {
        return herald.services().db().read(h -> h.createQuery("SELECT COUNT(*) FROM webhook_deliveries WHERE "
                        + "workspace_id = :ws AND event_type = 'call.follow_up.requested' AND payload LIKE :call")
                .bind("ws", ws).bind("call", "%\"call_id\":\"" + callId + "\"%").mapTo(Integer.class).one());
    }

    int rows(String callId) {
        return herald.services().db().read(h -> h.createQuery("SELECT COUNT(*) FROM voice_follow_ups WHERE call_id = :c")
                .bind("c", callId).mapTo(Integer.class).one());
    }

    // ---- the tests ----

    @Test
    void aLeadWithAnEmail_getsOneFollowUp_withItsWebhookOnce_shownOnTheCallAndListed_andARetryAddsNothing() {
        String lead = lead(",\"email\":\"ada@example.com\"");
        List<JsonNode> steps = converse("\"lead_id\":\"" + lead + "\"", QUALIFIED_WITH_A_QUESTION);
        String callId = steps.getFirst().path("call_id").asText();
        JsonNode step = followUpStep(steps).orElseThrow(() -> new AssertionError("no send_follow_up in " + steps));
        assertThat(step.path("decision").asText()).isEqualTo("allow");
        assertThat(step.path("result").path("type").asText()).as(step.toString()).isEqualTo("done");
        assertThat(said(steps)).doesNotContain(COLLEAGUE);

        JsonNode call = ok(http.get("/api/v1/voice/calls/" + callId, key), 200);
        assertThat(call.path("meeting_booked").asBoolean()).isTrue();
        assertThat(call.path("follow_ups")).hasSize(1);
        JsonNode f = call.path("follow_ups").get(0);
        assertThat(f.path("id").asText()).startsWith("fup_");
        assertThat(f.path("call_id").asText()).isEqualTo(callId);
        assertThat(f.path("lead_id").asText()).isEqualTo(lead);
        assertThat(f.path("channel").asText()).isEqualTo("email");
        assertThat(f.path("recipient").asText()).isEqualTo("ada@example.com");
        assertThat(list(f.path("reasons")).stream().map(JsonNode::asText)).contains("question_unanswered");
        assertThat(f.path("status").asText()).isEqualTo("requested");
        assertThat(f.path("subject").asText()).startsWith("Confirming our meeting on ");
        JsonNode booking = call.path("verdict").path("meeting");
        assertThat(f.path("meeting").path("start").asText()).isEqualTo(booking.path("start").asText());
        assertThat(f.path("body").asText()).startsWith("Hi Ada,").contains("Analytical Engines")
                .contains("Your meeting is booked for").contains(FollowUpMessage.words(FollowUpReason.QUESTION_UNANSWERED))
                .endsWith("Best regards,\nAva\n");
        assertThat(f.path("body_purged_at").isNull()).isTrue();
        assertThat(rows(callId)).isEqualTo(1);
        assertThat(outboxRows(callId)).as("call.follow_up.requested rows in the outbox").isEqualTo(1);
        JsonNode payload = herald.services().db().read(h -> h.createQuery("SELECT payload FROM webhook_deliveries "
                + "WHERE workspace_id = :ws AND event_type = 'call.follow_up.requested'").bind("ws", ws)
                .map((rs, c) -> rs.getString(1)).list()).stream().map(this::json)
                .filter(p -> p.path("data").path("call_id").asText().equals(callId)).findFirst().orElseThrow();
        assertThat(payload.path("type").asText()).isEqualTo("call.follow_up.requested");
        assertThat(payload.path("data")).isEqualTo(f);

        JsonNode byCall = ok(http.get("/api/v1/voice/follow-ups?call_id=" + callId, key), 200);
        assertThat(byCall.path("data")).containsExactly(f);
        JsonNode byLead = ok(http.get("/api/v1/voice/follow-ups?lead_id=" + lead, key), 200);
        assertThat(byLead.path("data")).containsExactly(f);

        // The tool call retried (a provider's redelivery): the first follow-up answers, nothing more is queued.
        FollowUpResult again = herald.services().voice().followUps().request(new FollowUpRequest(ws, callId, lead,
                herald.services().voice().leads().get(ws, lead).lead(), "Ava", List.of(FollowUpReason.SEND_INFORMATION),
                Optional.empty()));
        assertThat(again).isInstanceOfSatisfying(FollowUpResult.Requested.class, r -> {
            assertThat(r.created()).isFalse();
            assertThat(r.followUp().id()).isEqualTo(f.path("id").asText());
            assertThat(r.followUp().reasons()).doesNotContain("send_information");
        });
        assertThat(rows(callId)).isEqualTo(1);
        assertThat(outboxRows(callId)).isEqualTo(1);
    }

    @Test
    void aLeadWithoutAnEmail_getsAnSmsToItsPhone() {
        String lead = lead("");
        List<JsonNode> steps = converse("\"lead_id\":\"" + lead + "\"", QUALIFIED_WITH_A_QUESTION);
        String callId = steps.getFirst().path("call_id").asText();
        JsonNode f = ok(http.get("/api/v1/voice/calls/" + callId, key), 200).path("follow_ups").get(0);
        assertThat(f.path("channel").asText()).isEqualTo("sms");
        assertThat(f.path("recipient").asText())
                .isEqualTo(herald.services().voice().leads().get(ws, lead).lead().phone().e164());
        assertThat(f.path("body").asText()).startsWith("Hi Ada, this is Ava.").doesNotContain("\n");
        assertThat(outboxRows(callId)).isEqualTo(1);
    }

    @Test
    void aCallWithNoStoredLead_failsTheTool_andTheAgentSaysAColleagueWillFollowUp() {
        List<JsonNode> steps = converse("\"lead\":{\"name\":\"Ada Lovelace\",\"company\":\"Analytical Engines\"}",
                QUALIFIED_WITH_A_QUESTION);
        String callId = steps.getFirst().path("call_id").asText();
        JsonNode step = followUpStep(steps).orElseThrow();
        assertThat(step.path("decision").asText()).isEqualTo("allow");
        assertThat(step.path("result").path("type").asText()).isEqualTo("failed");
        assertThat(step.path("result").path("reason").asText()).contains("no lead");
        assertThat(said(steps)).contains(COLLEAGUE);
        assertThat(rows(callId)).isZero();
        assertThat(outboxRows(callId)).isZero();
        assertThat(ok(http.get("/api/v1/voice/calls/" + callId, key), 200).path("follow_ups")).isEmpty();
    }

    @Test
    void aLeadOnTheDoNotCallList_failsTheTool_andStaysOnIt() {
        String lead = lead(",\"email\":\"ada@example.com\",\"do_not_call\":true");
        List<JsonNode> steps = converse("\"lead_id\":\"" + lead + "\"", QUALIFIED_WITH_A_QUESTION);
        String callId = steps.getFirst().path("call_id").asText();
        JsonNode step = followUpStep(steps).orElseThrow();
        assertThat(step.path("result").path("type").asText()).isEqualTo("failed");
        assertThat(step.path("result").path("reason").asText()).contains("do-not-call");
        assertThat(said(steps)).contains(COLLEAGUE);
        assertThat(rows(callId)).isZero();
        assertThat(outboxRows(callId)).isZero();
        assertThat(herald.services().voice().leads().get(ws, lead).lead().doNotCall()).isTrue();
    }

    @Test
    void anAgentWhoseDelegationLacksCommsMessageSend_isDenied_andNothingIsWritten() {
        // The profile enables send_follow_up, but its agent's cert is re-issued without comms:message:send
        // (as an organization would narrow what it delegates): the permit is denied.
        EnumSet<Tool> narrower = EnumSet.allOf(Tool.class);
        narrower.remove(Tool.SEND_FOLLOW_UP);
        herald.services().db().write(h -> herald.services().voice().agents().ensure(h, ws, profile, "Ava", narrower));
        String lead = lead(",\"email\":\"ada@example.com\"");
        List<JsonNode> steps = converse("\"lead_id\":\"" + lead + "\"", QUALIFIED_WITH_A_QUESTION);
        String callId = steps.getFirst().path("call_id").asText();
        JsonNode step = followUpStep(steps).orElseThrow();
        assertThat(step.path("decision").asText()).isEqualTo("deny");
        assertThat(step.path("reason_code").asText()).isEqualTo("scope_denied");
        assertThat(said(steps)).contains(COLLEAGUE);
        assertThat(rows(callId)).isZero();
        assertThat(outboxRows(callId)).isZero();
    }

    @Test
    void aProfileWithoutTheTool_neverAsks_andNothingIsWritten() {
        ok(http.send("PATCH", "/api/v1/voice/profiles/" + profile, key, "application/json",
                ("{\"tools\":[\"search_knowledge\",\"lookup_lead\",\"check_availability\",\"book_meeting\","
                        + "\"update_lead\",\"end_call\"]}").getBytes(java.nio.charset.StandardCharsets.UTF_8)), 200);
        String lead = lead(",\"email\":\"ada@example.com\"");
        List<JsonNode> steps = converse("\"lead_id\":\"" + lead + "\"", QUALIFIED_WITH_A_QUESTION);
        String callId = steps.getFirst().path("call_id").asText();
        assertThat(followUpStep(steps)).isEmpty();
        assertThat(rows(callId)).isZero();
        assertThat(outboxRows(callId)).isZero();
    }

    @Test
    void retentionsTranscriptPurge_emptiesOldFollowUpBodies_andKeepsTheRecord() {
        String lead = lead(",\"email\":\"ada@example.com\"");
        String old = converse("\"lead_id\":\"" + lead + "\"", QUALIFIED_WITH_A_QUESTION).getFirst().path("call_id").asText();
        String fresh = converse("\"lead_id\":\"" + lead + "\"", QUALIFIED_WITH_A_QUESTION).getFirst().path("call_id")
                .asText();
        long threeDaysAgo = System.currentTimeMillis() - 3 * 86_400_000L;
        herald.services().db().write(h -> h.createUpdate("UPDATE voice_follow_ups SET created_at = :t WHERE call_id = :c")
                .bind("t", threeDaysAgo).bind("c", old).execute());
        ok(http.send("PUT", "/api/v1/voice/retention", key, "application/json",
                "{\"transcripts_days\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 200);
        Http.Response swept = http.post("/api/v1/voice/retention/runs", key, "{}");
        assertThat(swept.status()).as(swept.body()).isBetween(200, 201);

        JsonNode purged = ok(http.get("/api/v1/voice/follow-ups?call_id=" + old, key), 200).path("data").get(0);
        assertThat(purged.path("body").isNull()).isTrue();
        assertThat(purged.path("body_purged_at").isNull()).isFalse();
        assertThat(purged.path("recipient").asText()).isEqualTo("ada@example.com");
        assertThat(purged.path("reasons")).isNotEmpty();
        JsonNode kept = ok(http.get("/api/v1/voice/calls/" + fresh, key), 200).path("follow_ups").get(0);
        assertThat(kept.path("body").asText()).startsWith("Hi Ada,");
    }

    @Test
    void theListIsNewestFirst_pagedByCursor_andBadFiltersAreNamed() {
        String lead = lead(",\"email\":\"ada@example.com\"");
        for (int i = 0; i < 3; i++) {
            converse("\"lead_id\":\"" + lead + "\"", QUALIFIED_WITH_A_QUESTION);
        }
        JsonNode first = ok(http.get("/api/v1/voice/follow-ups?limit=2", key), 200);
        assertThat(first.path("data")).hasSize(2);
        assertThat(first.path("has_more").asBoolean()).isTrue();
        JsonNode second = ok(http.get("/api/v1/voice/follow-ups?limit=2&cursor=" + first.path("next_cursor").asText(),
                key), 200);
        assertThat(second.path("data")).hasSize(1);
        assertThat(second.path("has_more").asBoolean()).isFalse();
        List<String> ids = new java.util.ArrayList<>();
        first.path("data").forEach(f -> ids.add(f.path("id").asText()));
        second.path("data").forEach(f -> ids.add(f.path("id").asText()));
        assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());

        Http.Response bad = http.get("/api/v1/voice/follow-ups?lead_id=" + "x".repeat(41) + "&call_id=&limit=0", key);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(list(bad.json().path("errors")).stream().map(e -> e.path("field").asText()))
                .containsExactlyInAnyOrder("lead_id", "call_id", "limit");
        Http.Response cursor = http.get("/api/v1/voice/follow-ups?cursor=nope", key);
        assertThat(cursor.status()).isEqualTo(422);
        assertThat(cursor.json().path("errors").get(0).path("field").asText()).isEqualTo("cursor");
        String other = herald.services().bootstrap().createKey("fu-" + UUID.randomUUID(), null, "admin").secret().reveal();
        assertThat(ok(http.get("/api/v1/voice/follow-ups?lead_id=" + lead, other), 200).path("data"))
                .as("another workspace sees none").isEmpty();
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
