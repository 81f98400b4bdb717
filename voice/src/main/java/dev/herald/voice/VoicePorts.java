package dev.herald.voice;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.ProofBundle;
import dev.herald.voice.agents.AgentIdentities;
import dev.herald.voice.calendar.CalendarService;
import dev.herald.voice.calls.CallDirectory;
import dev.herald.voice.calls.CallFollowUps;
import dev.herald.voice.calls.CallQueries;
import dev.herald.voice.calls.CallView;
import dev.herald.voice.calls.FollowUpHistory;
import dev.herald.voice.calls.CallRecorder;
import dev.herald.voice.calls.CallTools;
import dev.herald.voice.calls.CallVerdict;
import dev.herald.voice.calls.CrmWriteBack;
import dev.herald.voice.core.call.Role;
import dev.herald.voice.core.call.TranscriptTurn;
import dev.herald.voice.core.lead.Lead;
import dev.herald.voice.core.qualifier.CalendarTool;
import dev.herald.voice.core.qualifier.KnowledgeBase;
import dev.herald.voice.core.simulation.SimulatedCall;
import dev.herald.voice.crm.LeadService;
import dev.herald.voice.crm.LeadVerdict;
import dev.herald.voice.followups.FollowUp;
import dev.herald.voice.followups.FollowUpRequest;
import dev.herald.voice.followups.FollowUpResult;
import dev.herald.voice.followups.FollowUpService;
import dev.herald.voice.governed.AgentProofs;
import dev.herald.voice.knowledge.KnowledgeService;
import dev.herald.voice.profiles.ProfileService;
import dev.herald.voice.profiles.StoredProfile;
import dev.herald.voice.recordings.RecordingRenders;
import dev.herald.voice.recordings.RecordingService;
import dev.herald.voice.retention.TranscriptPurger;
import java.time.Instant;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.domain.NotFound;
import dev.herald.voice.calls.CallRecord;
import dev.herald.voice.calls.CallService;
import dev.herald.voice.calls.PlaceCall;
import dev.herald.voice.calls.Placement;
import dev.herald.voice.calls.CallWorkspace;
import dev.herald.voice.campaigns.CallPlacer;
import dev.herald.voice.campaigns.CallStatus;
import dev.herald.voice.campaigns.CampaignReferences;
import dev.herald.voice.campaigns.Dial;
import dev.herald.voice.campaigns.PlacedCall;
import dev.herald.voice.core.call.CallOutcome;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import dev.herald.voice.workspace.WorkspaceSettingsService;

/**
 * The adapters by which the voice features meet: each feature declares the small port it needs in
 * its own package, and these records answer them with another feature's service. Nothing here
 * decides anything; a port's rules are its owner's.
 */
final class VoicePorts {
    private VoicePorts() {
    }

    /** A call's agent proves itself with the profile's Ratify identity. */
    record Agents(AgentIdentities agents) implements AgentProofs {
        @Override
        public String agentId(String ws, String profileId) {
            return agents.agentId(ws, profileId);
        }

        @Override
        public ProofBundle present(String ws, String profileId, Bytes challenge, Bytes sessionContext) {
            return agents.present(ws, profileId, challenge, sessionContext);
        }
    }

    /** A call reads the profile version it runs with and the lead it calls. */
    record Directory(ProfileService profiles, LeadService leads) implements CallDirectory {
        @Override
        public ProfileVersion profile(String ws, String profileId) {
            return of(profiles.current(ws, profileId));
        }

        @Override
        public ProfileVersion version(String ws, String profileId, int version) {
            return of(profiles.version(ws, profileId, version));
        }

        @Override
        public Lead lead(String ws, String leadId) {
            return leads.get(ws, leadId).lead();
        }

        private static ProfileVersion of(StoredProfile p) {
            return new ProfileVersion(p.id(), p.version(), p.profile());
        }
    }

    /** The agent's tools: the workspace's knowledge corpus and its calendars. */
    record Tools(KnowledgeService knowledge, CalendarService calendars) implements CallTools {
        @Override
        public KnowledgeBase knowledge(String ws) {
            return knowledge.base(ws);
        }

        @Override
        public CalendarTool calendar(String ws, String connectorId) {
            return calendars.tool(ws, connectorId);
        }

        @Override
        public void requireCalendar(String ws, String connectorId) {
            if (connectorId != null) {
                calendars.requireExists(ws, connectorId);
            }
        }
    }

    /**
     * The CRM write-back of a call, in the call's own transaction. The qualifier's update_lead
     * arguments also name the call's lead and outcome, which are not lead fields: those are left out
     * here (the verdict records them).
     */
    record Crm(LeadService leads, ObjectMapper mapper) implements CrmWriteBack {
        @Override
        public void recordVerdict(Handle h, String ws, String leadId, CallVerdict v) {
            try {
                leads.recordVerdict(h, ws, leadId, new LeadVerdict(v.callId(), v.outcome(), v.qualified(), v.score(),
                        v.answersJson() == null ? null : mapper.readTree(v.answersJson()), v.meeting(), v.followUps(),
                        v.summary(), v.sessionId(), v.chainHeadHash(), v.at()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a call's answers are not JSON: " + e.getMessage(), e);
            }
        }

        @Override
        public void update(Handle h, String ws, String leadId, Map<String, String> fields) {
            Map<String, String> kept = new LinkedHashMap<>();
            fields.forEach((k, v) -> {
                if (LeadService.PATCHABLE.contains(k) || k.startsWith("custom_fields.")) {
                    kept.put(k, v);
                }
            });
            if (!kept.isEmpty()) {
                leads.update(h, ws, leadId, kept);
            }
        }
    }

    /** A call's recording: rendered speech when the callee consented and a renderer is installed. */
    record Recorder(RecordingService recordings, RecordingRenders renders) implements CallRecorder {
        @Override
        public void expect(String ws, String callId) {
            recordings.expect(ws, callId);
        }

        @Override
        public void record(String ws, String callId, SimulatedCall call) {
            renders.submit(ws, callId, call.transcript());
        }
    }

    /** The words a recording is made of when its call ended on a node that is gone: the stored transcript. */
    record Words(CallQueries calls) implements RecordingRenders.CallWords {
        @Override
        public Optional<List<TranscriptTurn>> of(String ws, String callId) {
            return calls.storedTranscript(ws, callId).map(ts -> ts.stream().map(t -> new TranscriptTurn(
                    "agent".equals(t.role()) ? Role.AGENT : Role.USER, t.text(), t.startMs(), t.endMs(),
                    t.interrupted())).toList());
        }
    }

    /** A campaign's dials are outbound calls under the campaign's compliance settings, keyed per attempt. */
    record Placer(CallService calls) implements CallPlacer {
        @Override
        public PlacedCall place(String ws, Dial dial) {
            Placement placement = calls.placeOrDefer(ws, new PlaceCall("outbound", dial.leadId(), dial.profileId(),
                    dial.objective(), dial.campaignId(), dial.attempt(), dial.calendarConnectorId(), null, null, null,
                    dial.compliance(), dial.idempotencyKey()));
            return switch (placement) {
                case Placement.Deferred d -> new PlacedCall.Deferred(d.until(), d.reason().wire());
                case Placement.Stored(CallRecord c) when CallRecord.REFUSED.equals(c.status()) ->
                        new PlacedCall.Refused(c.id(), CallOutcome.fromWire(c.outcome()).orElseThrow(), c.refusalReason());
                case Placement.Stored(CallRecord c) -> new PlacedCall.Dialled(c.id());
            };
        }

        @Override
        public java.util.Map<String, CallStatus> statuses(String ws, java.util.Collection<String> callIds) {
            java.util.Map<String, CallStatus> out = new java.util.LinkedHashMap<>();
            calls.getAll(ws, callIds).forEach((id, c) -> out.put(id, status(c)));
            return out;
        }

        private static CallStatus status(CallRecord c) {
            if (c.live()) {
                return new CallStatus.Live();
            }
            CallOutcome outcome = CallOutcome.fromWire(c.outcome()).orElse(CallOutcome.FAILED);
            return new CallStatus.Ended(outcome, c.endedAt() != null ? c.endedAt() : c.createdAt(),
                    c.qualified() == null ? null
                            : new CallStatus.VerdictSummary(c.qualified(), null, c.meetingBooked(), c.summary()));
        }
    }

    /** The workspace's voice settings as calls read them: the live-call limit, the metrics zone. */
    record Workspace(WorkspaceSettingsService settings) implements CallWorkspace {
        @Override
        public int lockLiveCallLimit(org.jdbi.v3.core.Handle h, String ws) {
            return settings.lockLiveCallLimit(h, ws);
        }

        @Override
        public java.time.ZoneId zone(String ws) {
            return settings.zone(ws);
        }
    }

    /**
     * What a new campaign names in other features: its leads, its profile and objective, its
     * calendar; and the workspace's live-call limit its pace must fit in.
     */
    record References(LeadService leads, ProfileService profiles, CalendarService calendars,
                      WorkspaceSettingsService settings) implements CampaignReferences {
        @Override
        public int liveCallLimit(String ws) {
            return settings.get(ws).maxConcurrentCalls();
        }

        @Override
        public List<String> unknownLeads(String ws, List<String> leadIds) {
            return leads.unknownIds(ws, leadIds);
        }

        @Override
        public Optional<FieldError> profileProblem(String ws, String profileId, String objective) {
            StoredProfile p;
            try {
                p = profiles.current(ws, profileId);
            } catch (NotFound e) {
                return Optional.of(new FieldError("profile_id", "no profile '" + profileId + "' in this workspace"));
            }
            if (objective != null && p.profile().objective(objective).isEmpty()) {
                return Optional.of(new FieldError("objective", "profile " + profileId + " has no objective '"
                        + objective + "'"));
            }
            return Optional.empty();
        }

        @Override
        public Optional<FieldError> calendarProblem(String ws, String connectorId) {
            try {
                calendars.requireExists(ws, connectorId);
                return Optional.empty();
            } catch (Invalid | NotFound e) {
                return Optional.of(new FieldError("calendar_connector_id", e.getMessage()));
            }
        }
    }

    /** A call's recording as the call's view shows it: a fresh signed link, or why there is none. */
    record Links(RecordingService recordings) implements dev.herald.voice.calls.RecordingLinks {
        @Override
        public RecordingLink find(String ws, String callId) {
            dev.herald.voice.recordings.RecordingLink link = recordings.link(ws, callId);
            if (link.url() != null) {
                return new Available(link.url(), link.expiresAt());
            }
            // The recordings package words a reason "code: detail"; the call shows the code.
            String reason = link.reason() == null ? "not_recorded" : link.reason().split(":", 2)[0].trim();
            return new Missing(reason.matches("[a-z][a-z0-9_]*") ? reason : "not_recorded");
        }
    }

    /** A call's send_follow_up is stored and handed over by the followups package; its view lists them. */
    record FollowUps(FollowUpService followUps) implements CallFollowUps, FollowUpHistory {
        @Override
        public Answer request(Ask a) {
            return switch (followUps.request(new FollowUpRequest(a.workspaceId(), a.callId(), a.leadId(), a.lead(),
                    a.agentName(), a.reasons(), a.meeting()))) {
                case FollowUpResult.Requested r -> new Answer.Requested(r.followUp().id());
                case FollowUpResult.Refused r -> new Answer.Refused(r.reason());
            };
        }

        @Override
        public List<CallView.FollowUp> ofCall(String ws, String callId) {
            return followUps.ofCall(ws, callId).stream().map(FollowUps::view).toList();
        }

        private static CallView.FollowUp view(FollowUp f) {
            return new CallView.FollowUp(f.id(), f.callId(), f.leadId(), f.channel(), f.recipient(), f.reasons(),
                    f.subject(), f.body(), f.meeting() == null ? null
                            : new CallView.Meeting(f.meeting().start(), f.meeting().end(), f.meeting().timeZone()),
                    f.status(), f.createdAt(), f.bodyPurgedAt());
        }
    }

    /**
     * Retention's transcript purge: the calls' transcripts, and the bodies of the follow-ups written
     * before the same horizon (they retell the call). Counts the calls emptied, as the port says.
     */
    record Transcripts(CallService calls, FollowUpService followUps) implements TranscriptPurger {
        @Override
        public int purge(String ws, Instant endedBefore) {
            followUps.purgeBodies(ws, endedBefore);
            return calls.purgeTranscripts(ws, endedBefore);
        }
    }
}
