package dev.herald.voice.testcalls;

import static dev.herald.voice.VoiceWorkspace.ok;
import static dev.herald.voice.testcalls.TestCallAnswers.example;
import static dev.herald.voice.testcalls.TestCallAnswers.list;
import static dev.herald.voice.testcalls.TestCallAnswers.opening;
import static dev.herald.voice.testcalls.TestCallAnswers.said;
import static dev.herald.voice.testcalls.TestCallAnswers.toolStep;
import static dev.herald.voice.testcalls.TestCallAnswers.tools;
import static dev.herald.voice.testcalls.TestCallAnswers.verifies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.HeraldConfig;
import dev.herald.server.testing.Http;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.VoiceSettings;
import dev.herald.voice.VoiceWorkspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Test calls over HTTP on each store, over the server's own wiring (profiles, CRM, knowledge, the
 * built-in calendar, the workspace's voice policy): the example conversation of
 * docs/examples/voice-test-call.json replayed turn by turn gets the verdict, transcript, governance
 * and attestation of a phone call; a stored lead gets its verdict and the agent's writes back in the
 * CRM; a tool the voice policy does not allow changes what the agent says; one driver at a time; an
 * idle call expires as failed; bad input is a problem naming the field. The WebSocket form is
 * {@link TestCallSocketContract}'s.
 */
abstract class TestCallContract extends RunningHerald {
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    protected HeraldConfig config() {
        return store().config().withVoice(VoiceSettings.COMPRESSED);
    }

    private VoiceWorkspace workspace() {
        return VoiceWorkspace.create(herald, http);
    }

    private List<String> eventTypes(String callId) {
        return herald.services().db().read(h -> h.createQuery(
                        "SELECT type FROM voice_call_events WHERE call_id = :c ORDER BY seq").bind("c", callId)
                .mapTo(String.class).list());
    }

    @Test
    void theExampleConversation_replayedOverHttp_endsQualifiedGovernedAndAttested() {
        JsonNode script = example(mapper);
        VoiceWorkspace w = workspace();
        String key = w.key();

        JsonNode opened = ok(http.post("/api/v1/voice/test-calls", key, opening(script, w.profile())), 201);
        String id = opened.path("id").asText();
        assertThat(id).startsWith("call_");
        assertThat(opened.path("direction").asText()).isEqualTo("test");
        assertThat(opened.path("provider").asText()).isEqualTo("test");
        assertThat(opened.path("status").asText()).isEqualTo("in_progress");
        assertThat(String.join(" ", said(opened))).contains(script.path("expect_opening").path("agent_says").asText());
        for (JsonNode tool : script.path("expect_opening").path("tools")) {
            assertThat(tools(opened)).contains(tool.asText());
        }
        assertThat(list(opened.path("steps"))).allSatisfy(s -> assertThat(s.path("decision").asText()).isEqualTo("allow"));

        List<String> toolsUsed = new ArrayList<>(tools(opened));
        JsonNode last = opened;
        for (JsonNode turn : script.path("turns")) {
            String body = mapper.createObjectNode().put("text", turn.path("callee").asText()).toString();
            last = ok(http.post("/api/v1/voice/test-calls/" + id + "/turns", key, body), 200);
            toolsUsed.addAll(tools(last));
            if (turn.has("agent_says")) {
                assertThat(String.join(" ", said(last))).as(turn.toString())
                        .contains(turn.path("agent_says").asText());
            }
            if (turn.has("expect_tool")) {
                assertThat(tools(last)).as(turn.toString()).contains(turn.path("expect_tool").asText());
            }
            assertThat(last.path("ended").asBoolean()).as(turn.toString())
                    .isEqualTo(turn.path("expect_ended").asBoolean(false));
        }
        assertThat(toolsUsed).contains(script.path("expect_tool").asText());

        JsonNode call = ok(http.get("/api/v1/voice/test-calls/" + id, key), 200);
        JsonNode expect = script.path("expect_verdict");
        assertThat(call.path("status").asText()).isEqualTo("ended");
        assertThat(call.path("outcome").asText()).isEqualTo(expect.path("outcome").asText());
        assertThat(call.path("qualified").asBoolean()).isEqualTo(expect.path("qualified").asBoolean());
        assertThat(call.path("meeting_booked").asBoolean()).isEqualTo(expect.path("meeting_booked").asBoolean());
        assertThat(call.path("verdict").path("qualified").asBoolean()).isEqualTo(expect.path("qualified").asBoolean());
        for (JsonNode answer : expect.path("answers")) {
            assertThat(call.path("verdict").path("answers").has(answer.asText())).as(answer.asText()).isTrue();
        }
        assertThat(call.path("summary").asText()).isNotBlank();
        assertThat(call.path("end_reason").asText()).isEqualTo("agent_ended");
        assertThat(call.path("provider_end_code").asText()).isEqualTo("test:agent_ended");
        // The transcript holds both sides, every callee line as sent, in order.
        List<JsonNode> transcript = list(call.path("transcript"));
        List<String> calleeLines = transcript.stream().filter(t -> "user".equals(t.path("role").asText()))
                .map(t -> t.path("text").asText()).toList();
        assertThat(calleeLines).containsExactlyElementsOf(
                list(script.path("turns")).stream().map(t -> t.path("callee").asText()).toList());
        assertThat(transcript.getFirst().path("role").asText()).isEqualTo("agent");
        for (int i = 1; i < transcript.size(); i++) {
            assertThat(transcript.get(i).path("start_ms").asLong())
                    .isGreaterThanOrEqualTo(transcript.get(i - 1).path("end_ms").asLong());
        }
        assertThat(call.path("session_id").asText()).startsWith("sess");
        assertThat(call.path("chain_head_hash").asText()).isNotBlank();
        assertThat(verifies(w, call)).isTrue();
        // The meeting is in the workspace's built-in calendar (its default one, made on first use).
        String calendar = ok(http.get("/api/v1/voice/calendars", key), 200).path("data").get(0).path("id").asText();
        List<JsonNode> bookings = list(ok(http.get("/api/v1/voice/calendars/" + calendar + "/bookings", key), 200)
                .path("data"));
        assertThat(bookings).singleElement().satisfies(b -> assertThat(b.path("status").asText()).isEqualTo("booked"));

        List<String> events = eventTypes(id);
        assertThat(events).startsWith("call.dialling", "call.answered").endsWith("call.ended", "call.verdict");
        assertThat(events).contains("utterance.partial", "utterance.final", "turn.decision", "tool.call",
                "tool.decision", "tool.result");
        // Over: a further turn is a conflict, the end answers as it is.
        assertThat(http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"text\":\"hello?\"}").status())
                .isEqualTo(409);
        assertThat(ok(http.post("/api/v1/voice/test-calls/" + id + "/end", key, ""), 200).path("status").asText())
                .isEqualTo("ended");
    }

    private JsonNode turn(String key, String callId, String text) {
        return ok(http.post("/api/v1/voice/test-calls/" + callId + "/turns", key,
                mapper.createObjectNode().put("text", text).toString()), 200);
    }

    @Test
    void aStoredLead_getsTheVerdictWrittenBack_andTheApiEndIsAnOperatorHangup() {
        VoiceWorkspace w = workspace();
        String key = w.key();
        String profile = w.profile();
        w.knowledge("Pricing", "Herald costs 400 dollars a month per workspace.");
        String lead = w.lead("Grace Hopper", "America/New_York", "granted", false);
        JsonNode opened = ok(http.post("/api/v1/voice/test-calls", key,
                "{\"profile_id\":\"" + profile + "\",\"lead_id\":\"" + lead + "\"}"), 201);
        assertThat(String.join(" ", said(opened))).contains("Hi Grace");
        String id = opened.path("id").asText();
        turn(key, id, "No, please don't record.");
        // A question is answered from the knowledge the workspace uploaded.
        JsonNode answered = turn(key, id, "How much does it cost?");
        assertThat(tools(answered)).contains("search_knowledge");
        assertThat(String.join(" ", said(answered))).contains("400 dollars");
        // The same Idempotency-Key answers the same call; used for another request it is a conflict.
        String idem = "k-" + UUID.randomUUID();
        String body = "{\"profile_id\":\"" + profile + "\"}";
        String keyed = ok(http.post("/api/v1/voice/test-calls", key, body, "Idempotency-Key", idem), 201)
                .path("id").asText();
        JsonNode again = ok(http.post("/api/v1/voice/test-calls", key, body, "Idempotency-Key", idem), 201);
        assertThat(again.path("id").asText()).isEqualTo(keyed);
        assertThat(again.path("steps").size()).isZero();
        assertThat(http.post("/api/v1/voice/test-calls", key, "{\"profile_id\":\"" + w.profile() + "\"}",
                "Idempotency-Key", idem).status()).isEqualTo(409);
        // The calls hangup route ends a test call at its next turn, as it ends a phone call at its next step.
        ok(http.post("/api/v1/voice/calls/" + keyed + "/hangup", key, ""), 200);
        JsonNode hungUp = turn(key, keyed, "Yes.");
        assertThat(hungUp.path("ended").asBoolean()).isTrue();
        assertThat(hungUp.path("end_reason").asText()).isEqualTo("operator_hung_up");
        assertThat(hungUp.path("steps").size()).isZero();
        JsonNode silent = ok(http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"event\":\"silence\"}"), 200);
        assertThat(said(silent)).contains("Are you still there?");

        JsonNode ended = ok(http.post("/api/v1/voice/test-calls/" + id + "/end", key, ""), 200);
        assertThat(ended.path("status").asText()).isEqualTo("ended");
        assertThat(ended.path("end_reason").asText()).isEqualTo("operator_hung_up");
        assertThat(ended.path("lead_id").asText()).isEqualTo(lead);
        // The CRM holds the verdict, tied to the session by its chain head.
        JsonNode stored = w.readLead(lead);
        assertThat(stored.path("verdict_count").asInt()).isEqualTo(1);
        JsonNode verdict = stored.path("verdicts").get(0);
        assertThat(verdict.path("call_id").asText()).isEqualTo(id);
        assertThat(verdict.path("session_id").asText()).isEqualTo(ended.path("session_id").asText());
        assertThat(verdict.path("chain_head_hash").asText()).isEqualTo(ended.path("chain_head_hash").asText());
        assertThat(stored.path("last_verdict").path("chain_head_hash").asText())
                .isEqualTo(ended.path("chain_head_hash").asText());
        assertThat(verifies(w, ended)).isTrue();
    }

    @Test
    void theAgentsLeadUpdates_showInTheCrm_andNeverTakeALeadOffTheDoNotCallList() {
        VoiceWorkspace w = workspace();
        String key = w.key();
        String profile = w.profile();
        // A lead who asks not to be called again: the agent's update_lead puts it on the list.
        String asks = w.lead("Grace Hopper", "America/New_York", "granted", false);
        String id = ok(http.post("/api/v1/voice/test-calls", key,
                "{\"profile_id\":\"" + profile + "\",\"lead_id\":\"" + asks + "\"}"), 201).path("id").asText();
        turn(key, id, "Yes, that's fine.");
        JsonNode last = turn(key, id, "Please take me off your list and don't call me again.");
        JsonNode update = toolStep(last, "update_lead");
        assertThat(update.path("decision").asText()).isEqualTo("allow");
        assertThat(update.path("arguments").path("do_not_call").asText()).isEqualTo("true");
        assertThat(last.path("ended").asBoolean()).isTrue();
        assertThat(last.path("outcome").asText()).isEqualTo("do_not_call");
        JsonNode asked = w.readLead(asks);
        assertThat(asked.path("do_not_call").asBoolean()).isTrue();
        assertThat(asked.path("status").asText()).isEqualTo("do_not_call");
        assertThat(asked.path("verdicts").get(0).path("call_id").asText()).isEqualTo(id);

        // A lead already on the list who qualifies: update_lead says do_not_call false, and the lead stays on it.
        JsonNode script = example(mapper);
        String listed = w.lead("Alan Turing", "Europe/London", "granted", true);
        String qualified = ok(http.post("/api/v1/voice/test-calls", key,
                "{\"profile_id\":\"" + profile + "\",\"lead_id\":\"" + listed + "\"}"), 201).path("id").asText();
        List<String> toolsUsed = new ArrayList<>();
        for (JsonNode t : script.path("turns")) {
            last = turn(key, qualified, t.path("callee").asText());
            toolsUsed.addAll(tools(last));
            if (tools(last).contains("update_lead")) {
                assertThat(toolStep(last, "update_lead").path("arguments").path("do_not_call").asText())
                        .isEqualTo("false");
            }
        }
        assertThat(toolsUsed).contains("book_meeting", "update_lead");
        assertThat(last.path("outcome").asText()).isEqualTo("qualified");
        JsonNode stillListed = w.readLead(listed);
        assertThat(stillListed.path("do_not_call").asBoolean()).isTrue();
        assertThat(stillListed.path("status").asText()).isEqualTo("do_not_call");
        assertThat(stillListed.path("verdicts").get(0).path("call_id").asText()).isEqualTo(qualified);
        assertThat(stillListed.path("verdicts").get(0).path("qualified").asBoolean()).isTrue();
    }

    @Test
    void aToolTheVoicePolicyDoesNotAllow_isDenied_andChangesWhatTheAgentSays() {
        VoiceWorkspace w = workspace();
        String key = w.key();
        String profile = w.profile();
        // The workspace's voice project gets a policy of its own that leaves book_meeting out.
        w.allowOnlyTools(List.of("lookup_lead", "search_knowledge", "check_availability", "update_lead",
                "send_follow_up", "end_call"));
        String id = ok(http.post("/api/v1/voice/test-calls", key, "{\"profile_id\":\"" + profile + "\","
                + "\"lead\":{\"name\":\"Alan Turing\",\"time_zone\":\"Europe/London\"}}"), 201).path("id").asText();
        JsonNode last = null;
        for (String line : List.of("Yes.", "Yes, I decide.", "Twenty five people.", "100 thousand dollars a year.",
                "Next month.", "Salesforce.", "The first one.")) {
            last = turn(key, id, line);
        }
        JsonNode booking = toolStep(last, "book_meeting");
        assertThat(booking.path("decision").asText()).isEqualTo("deny");
        assertThat(booking.path("reason_code").asText()).isEqualTo("tool_not_allowed");
        assertThat(String.join(" ", said(last))).contains("not able to book meetings");
        assertThat(last.path("ended").asBoolean()).isTrue();
        assertThat(last.path("meeting_booked").asBoolean()).isFalse();
        assertThat(last.path("transcript").toString()).contains("not able to book meetings");
        assertThat(verifies(w, last)).isTrue();
    }

    @Test
    void oneDriverAtATime_andAnIdleCallExpiresAsFailed() throws Exception {
        VoiceWorkspace w = workspace();
        String key = w.key();
        String id = ok(http.post("/api/v1/voice/test-calls", key, "{\"profile_id\":\"" + w.profile() + "\"}"), 201)
                .path("id").asText();
        TestCallService tests = herald.services().voice().testCalls();
        LiveTestCall live = tests.liveCall(id);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Another driver holds the call (a lock is released by the thread that took it).
        Thread holder = Thread.ofVirtual().start(() -> {
            live.lock.lock();
            try {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                live.lock.unlock();
            }
        });
        held.await();
        try {
            Http.Response busy = http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"text\":\"Yes.\"}");
            assertThat(busy.status()).as(busy.body()).isEqualTo(409);
            assertThat(tests.expireIdle(Duration.ZERO)).isZero(); // a call being driven is left alone
        } finally {
            release.countDown();
            holder.join();
        }
        assertThat(live.lock.isLocked()).isFalse();
        assertThat(tests.expireIdle(Duration.ofMinutes(10))).isZero();
        assertThat(tests.expireIdle(Duration.ZERO)).isEqualTo(1);
        JsonNode expired = ok(http.get("/api/v1/voice/test-calls/" + id, key), 200);
        assertThat(expired.path("status").asText()).isEqualTo("failed");
        assertThat(expired.path("outcome").asText()).isEqualTo("failed");
        assertThat(expired.path("end_reason").asText()).isEqualTo("silence_timeout");
        assertThat(expired.path("summary").asText()).contains("expired");
        assertThat(verifies(w, expired)).isTrue();
        assertThat(http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"text\":\"Yes.\"}").status())
                .isEqualTo(409);
    }

    @Test
    void badInput_isAProblemNamingTheField() {
        VoiceWorkspace w = workspace();
        String key = w.key();
        String profile = w.profile();
        Http.Response missing = http.post("/api/v1/voice/test-calls", key, "{}");
        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(missing.json().path("errors").findValuesAsText("field")).contains("profile_id");
        Http.Response unknown = http.post("/api/v1/voice/test-calls", key,
                "{\"profile_id\":\"nope\",\"lead\":{\"time_zone\":\"Mars/Olympus\"}}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("errors").findValuesAsText("field")).contains("time_zone");
        Http.Response noProfile = http.post("/api/v1/voice/test-calls", key, "{\"profile_id\":\"nope\"}");
        assertThat(noProfile.status()).isEqualTo(422);
        assertThat(noProfile.json().path("errors").findValuesAsText("field")).contains("profile_id");
        Http.Response objective = http.post("/api/v1/voice/test-calls", key,
                "{\"profile_id\":\"" + profile + "\",\"objective\":\"sell_ice\"}");
        assertThat(objective.status()).isEqualTo(422);
        assertThat(objective.json().path("errors").findValuesAsText("field")).containsExactly("objective");
        Http.Response lead = http.post("/api/v1/voice/test-calls", key,
                "{\"profile_id\":\"" + profile + "\",\"lead_id\":\"lead_nope\"}");
        assertThat(lead.status()).isEqualTo(422);
        assertThat(lead.json().path("errors").findValuesAsText("field")).containsExactly("lead_id");
        Http.Response both = http.post("/api/v1/voice/test-calls", key,
                "{\"profile_id\":\"" + profile + "\",\"lead_id\":\"l\",\"lead\":{\"name\":\"x\"}}");
        assertThat(both.json().path("errors").findValuesAsText("field")).contains("lead");

        String id = ok(http.post("/api/v1/voice/test-calls", key, "{\"profile_id\":\"" + profile + "\"}"), 201)
                .path("id").asText();
        Http.Response twoMoves = http.post("/api/v1/voice/test-calls/" + id + "/turns", key,
                "{\"text\":\"yes\",\"event\":\"silence\"}");
        assertThat(twoMoves.status()).isEqualTo(422);
        assertThat(twoMoves.json().path("errors").findValuesAsText("field")).contains("event");
        Http.Response badEvent = http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"event\":\"sing\"}");
        assertThat(badEvent.json().path("errors").findValuesAsText("field")).contains("event");
        Http.Response blank = http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"text\":\"  \"}");
        assertThat(blank.json().path("errors").findValuesAsText("field")).contains("text");
        assertThat(http.get("/api/v1/voice/test-calls/call_nope", key).status()).isEqualTo(404);
        // Another workspace's test call is a 404.
        assertThat(http.get("/api/v1/voice/test-calls/" + id, workspace().key()).status()).isEqualTo(404);
        JsonNode hungUp = ok(http.post("/api/v1/voice/test-calls/" + id + "/turns", key, "{\"event\":\"hangup\"}"), 200);
        assertThat(hungUp.path("end_reason").asText()).isEqualTo("callee_hung_up");
    }
}
