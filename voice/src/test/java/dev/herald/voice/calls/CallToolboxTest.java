package dev.herald.voice.calls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platform.domain.NotFound;
import dev.herald.platform.store.Database;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.call.MeetingSlot;
import dev.herald.voice.core.lead.Lead;
import dev.herald.voice.core.lead.PhoneNumber;
import dev.herald.voice.core.profile.DefaultProfiles;
import dev.herald.voice.core.profile.Tool;
import dev.herald.voice.core.profile.VoiceProfile;
import dev.herald.voice.core.qualifier.CalendarTool;
import dev.herald.voice.core.qualifier.CallContext;
import dev.herald.voice.core.qualifier.KnowledgeBase;
import dev.herald.voice.core.qualifier.ToolCall;
import dev.herald.voice.core.qualifier.ToolResult;
import dev.herald.voice.core.simulation.SimulatedCalendar;
import dev.herald.voice.core.simulation.StaticKnowledge;
import dev.herald.voice.core.simulation.ToolExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one tool execution of played and test calls: stores behind the ports for knowledge and the
 * calendar, the CRM for update_lead, and send_follow_up handed over with the meeting booked on the
 * same call, or failed with the reason the follow-up port gives.
 */
class CallToolboxTest {
    private static final String WS = "ws_toolbox";
    private static final VoiceProfile PROFILE = DefaultProfiles.demoQualifier();
    @TempDir
    Path dir;
    private Database db;
    private final Map<String, Lead> leads = new HashMap<>();
    private final List<CallFollowUps.Ask> asked = new ArrayList<>();
    private final List<Map<String, String>> updates = new ArrayList<>();
    private final SimulatedCalendar calendar = new SimulatedCalendar(ZoneId.of("UTC"), LocalTime.of(9, 0),
            LocalTime.of(17, 0));
    private CallFollowUps.Answer answer = new CallFollowUps.Answer.Requested("fup_1");
    private CallToolbox toolbox;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("toolbox.db"), 2, null);
        CallDirectory directory = new CallDirectory() {
            @Override
            public ProfileVersion profile(String ws, String profileId) {
                return new ProfileVersion(profileId, 1, PROFILE);
            }

            @Override
            public ProfileVersion version(String ws, String profileId, int version) {
                return profile(ws, profileId);
            }

            @Override
            public Lead lead(String ws, String leadId) {
                Lead lead = leads.get(leadId);
                if (lead == null) {
                    throw new NotFound("lead " + leadId + " not found");
                }
                return lead;
            }
        };
        CallTools tools = new CallTools() {
            @Override
            public KnowledgeBase knowledge(String ws) {
                return StaticKnowledge.demo();
            }

            @Override
            public CalendarTool calendar(String ws, String connectorId) {
                return calendar;
            }
        };
        CrmWriteBack crm = new CrmWriteBack() {
            @Override
            public void recordVerdict(Handle h, String ws, String leadId, CallVerdict verdict) {
            }

            @Override
            public void update(Handle h, String ws, String leadId, Map<String, String> fields) {
                updates.add(fields);
            }
        };
        toolbox = new CallToolbox(db, directory, tools, crm, ask -> {
            asked.add(ask);
            return answer;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static CallRecord call(String id, String leadId) {
        return new CallRecord(id, WS, "outbound", CallRecord.IN_PROGRESS, "simulated", leadId, "vpr_1", 1,
                "qualify_for_demo", null, 1, null, null, null, null, null, null, null, false, null, null, null,
                Instant.EPOCH, null, null, null, null);
    }

    private static ToolResult run(ToolExecutor tools, Tool tool, Map<String, String> args) {
        return tools.execute(new ToolCall("tc_" + tool.wire(), tool, args), CallContext.anonymous("lead_1"));
    }

    @Test
    void aFollowUpAfterABookingCarriesTheBookedSlot_theLeadAsItIsNow_andTheAgentsReasons() {
        leads.put("lead_1", Lead.of(new PhoneNumber("+14155550100")).withName("Ada Lovelace"));
        ToolExecutor tools = toolbox.forCall(call("call_1", "lead_1"), PROFILE);
        MeetingSlot slot = ((ToolResult.Availability) run(tools, Tool.CHECK_AVAILABILITY, Map.of("from",
                "2030-01-07T00:00:00Z", "minutes", "30", "zone", "Europe/Paris"))).slots().getFirst();
        assertThat(run(tools, Tool.BOOK_MEETING, Map.of("start", slot.start().toString(), "end", slot.end().toString(),
                "zone", "Europe/Paris"))).isInstanceOf(ToolResult.Booked.class);
        leads.put("lead_1", leads.get("lead_1").withCompany("Analytical Engines"));

        ToolResult result = run(tools, Tool.SEND_FOLLOW_UP, Map.of("lead_id", "lead_1",
                "reasons", "question_unanswered, made_up,question_unanswered,incomplete_answers"));

        assertThat(result).isEqualTo(new ToolResult.Done());
        assertThat(asked).hasSize(1);
        CallFollowUps.Ask ask = asked.getFirst();
        assertThat(ask.callId()).isEqualTo("call_1");
        assertThat(ask.leadId()).isEqualTo("lead_1");
        assertThat(ask.lead().company()).contains("Analytical Engines");
        assertThat(ask.agentName()).isEqualTo(PROFILE.agentName());
        assertThat(ask.reasons()).containsExactly(FollowUpReason.QUESTION_UNANSWERED, FollowUpReason.INCOMPLETE_ANSWERS);
        assertThat(ask.meeting()).contains(slot);
        assertThat(Duration.between(slot.start(), slot.end())).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aRefusedFollowUpIsAFailedToolResultWithTheReason() {
        leads.put("lead_1", Lead.of(new PhoneNumber("+14155550100")));
        answer = new CallFollowUps.Answer.Refused("the lead is on the do-not-call list");
        ToolResult result = run(toolbox.forCall(call("call_2", "lead_1"), PROFILE), Tool.SEND_FOLLOW_UP,
                Map.of("reasons", "send_information"));
        assertThat(result).isEqualTo(new ToolResult.Failed("the lead is on the do-not-call list"));
        assertThat(asked.getFirst().meeting()).isEmpty();
    }

    @Test
    void aCallWithoutALead_orWhoseLeadIsGone_asksWithNoLead() {
        run(toolbox.forCall(call("call_3", null), PROFILE), Tool.SEND_FOLLOW_UP, Map.of("reasons", "send_information"));
        run(toolbox.forCall(call("call_4", "lead_deleted"), PROFILE), Tool.SEND_FOLLOW_UP, Map.of());
        assertThat(asked).extracting(CallFollowUps.Ask::lead).containsExactly(null, null);
        assertThat(asked.get(1).leadId()).isEqualTo("lead_deleted");
        assertThat(asked.get(1).reasons()).isEmpty();
    }

    @Test
    void updateLeadWritesToTheCrmForAStoredLeadOnly() {
        assertThat(run(toolbox.forCall(call("call_5", "lead_1"), PROFILE), Tool.UPDATE_LEAD,
                Map.of("company", "Difference Engines"))).isEqualTo(new ToolResult.Done());
        assertThat(run(toolbox.forCall(call("call_6", null), PROFILE), Tool.UPDATE_LEAD, Map.of("company", "X")))
                .isEqualTo(new ToolResult.Done());
        assertThat(updates).containsExactly(Map.of("company", "Difference Engines"));
    }

    @Test
    void knowledgeAndLookupAnswerFromTheStoresAndTheCall() {
        ToolExecutor tools = toolbox.forCall(call("call_7", "lead_1"), PROFILE);
        assertThat(run(tools, Tool.SEARCH_KNOWLEDGE, Map.of("query", "price"))).isInstanceOf(ToolResult.KnowledgeFound.class);
        assertThat(run(tools, Tool.LOOKUP_LEAD, Map.of())).isEqualTo(new ToolResult.LeadFound(Optional.empty(),
                Optional.empty()));
        assertThat(asked).isEmpty();
    }
}
