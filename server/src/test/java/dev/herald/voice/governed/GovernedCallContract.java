package dev.herald.voice.governed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.evidence.verify.CheckResult;
import dev.herald.evidence.verify.CheckStatus;
import dev.herald.evidence.verify.EvidenceVerifier;
import dev.herald.evidence.verify.VerificationReport;
import dev.herald.evidence.verify.VerifyOptions;
import dev.herald.server.Services;
import dev.herald.server.testing.RunningHerald;
import dev.herald.voice.core.call.EndReason;
import dev.herald.voice.core.call.Role;
import dev.herald.voice.core.call.TranscriptTurn;
import dev.herald.voice.core.profile.DefaultProfiles;
import dev.herald.voice.core.profile.Tool;
import dev.herald.voice.core.profile.VoiceProfile;
import dev.herald.voice.core.qualifier.CallContext;
import dev.herald.voice.core.simulation.CallObserver;
import dev.herald.voice.core.simulation.ConversationRunner;
import dev.herald.voice.core.simulation.Persona;
import dev.herald.voice.core.simulation.Personas;
import dev.herald.voice.core.simulation.SimClock;
import dev.herald.voice.core.simulation.SimulatedCalendar;
import dev.herald.voice.core.simulation.SimulatedCall;
import dev.herald.voice.core.simulation.SimulatedTools;
import dev.herald.voice.core.simulation.StaticKnowledge;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A simulated conversation run through a real governed session (in-process, on each store): the
 * agent's Ratify proof starts it, its atoms are signed by the workspace's sidecar key, its turns
 * and tool calls are decided by the voice policy and the delegation's scopes, and its attestation
 * passes the offline verifier.
 */
abstract class GovernedCallContract extends RunningHerald {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final VoiceProfile PROFILE = DefaultProfiles.demoQualifier();
    private static final List<String> BASIC = List.of("meeting:attend", "meeting:speak", "execute:tool");

    private final TestAgents agents = new TestAgents();
    private CallGovernance governance;
    private WorkspaceGovernance workspaces;

    @BeforeAll
    void build() {
        Services s = herald.services();
        workspaces = new WorkspaceGovernance(s.db(), s.clock(), s.random(), s.mapper(), s.projects(), s.sidecarKeys(),
                s.policies(), s.secrets());
        governance = new CallGovernance(s.mapper(), workspaces, s.ratify(), s.sessions(), s.atoms(), s.turns(), agents);
    }

    static String leadOf(Persona persona) {
        for (int i = 0; ; i++) {
            if (Personas.forLead("lead-" + i).persona() == persona) {
                return "lead-" + i;
            }
        }
    }

    private String workspace() {
        return herald.services().bootstrap().createKey("ws-" + UUID.randomUUID(), null, "admin").workspaceId();
    }

    /** What one governed call came to. */
    record Played(SimulatedCall call, GovernedCall governed, List<String> decisions) {
    }

    private Played play(String ws, String profileId, String leadId, String disclosureLine) {
        String callId = "call_" + UUID.randomUUID().toString().replace("-", "");
        GovernedCall g = governance.open(new CallGovernance.Opening(ws, callId, profileId, 1, leadId, "simulated",
                disclosureLine));
        List<String> decisions = new ArrayList<>();
        SimulatedTools tools = new SimulatedTools(new SimulatedCalendar(NEW_YORK, LocalTime.of(9, 0), LocalTime.of(17, 0)),
                StaticKnowledge.demo());
        ConversationRunner runner = new ConversationRunner(PROFILE, DefaultProfiles.QUALIFY_FOR_DEMO, call -> {
            Decision d = g.toolCall(call.id(), call.tool(), call.arguments());
            decisions.add(call.tool().wire() + ":" + d.wire() + (d.allowed() ? "" : ":" + d.reasonCode()));
            return d.allowed() ? Optional.empty() : Optional.of(d.reason());
        }, tools);
        SimulatedCall call = runner.run(new CallContext(leadId, Optional.of("Ada Lovelace"),
                Optional.of("Analytical Engines"), Optional.of(NEW_YORK)), SimClock.compressed(Instant.now()),
                new CallObserver() {
                    @Override
                    public Optional<String> agentTurn(String text, Instant at) {
                        Decision d = g.agentTurn(text);
                        decisions.add("turn:" + d.wire() + (d.allowed() ? "" : ":" + d.reasonCode()));
                        return d.allowed() ? Optional.empty() : Optional.of(d.reason());
                    }

                    @Override
                    public void utterance(TranscriptTurn turn, Instant at) {
                        g.utterance(turn.role(), turn.text(), at);
                    }
                });
        if (call.recording() == dev.herald.voice.core.qualifier.RecordingConsent.GRANTED) {
            g.recordingStarted(true, call.endedAt());
        }
        herald.services().db().write(h -> g.close(Map.of("call_duration_ms", call.durationMs())));
        return new Played(call, g, decisions);
    }

    private VerificationReport verify(String ws, String sessionId) {
        byte[] artifact = governance.attestation(ws, sessionId).orElseThrow();
        return new EvidenceVerifier(VerifyOptions.defaults()
                .withTrustAnchors(List.of(herald.tsa().credentials().root()))
                .withPinnedKeys(herald.services().attestation().keys().verificationKeys()))
                .verify(artifact);
    }

    @Test
    void fullConversation_isAuthorizedGovernedAndItsAttestationVerifiesOffline() {
        String ws = workspace();
        agents.delegate(ws, "vpr_full", List.of("meeting:attend", "meeting:speak", "execute:tool", "data:write",
                "comms:message:send"));
        Played p = play(ws, "vpr_full", leadOf(Persona.QUALIFIED_BUYER), PROFILE.aiDisclosure());

        assertThat(p.call().verdict().meeting()).isPresent();
        assertThat(p.decisions()).contains("book_meeting:allow").doesNotContain("turn:deny");
        VerificationReport report = verify(ws, p.governed().sessionId());
        for (CheckResult c : report.checks()) {
            assertThat(c.status()).as(c.check() + ": " + c.detail()).isIn(CheckStatus.PASS, CheckStatus.NOT_VALIDATED,
                    CheckStatus.SKIPPED);
        }
        assertThat(report.verified()).isTrue();
        String artifact = new String(governance.attestation(ws, p.governed().sessionId()).orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(artifact).contains("voice.agent.authorized").contains("voice.ai_disclosure.emitted")
                .contains("voice.transcript_span.recorded").contains("book_meeting");
        assertThat(p.governed().projectId()).isEqualTo(governance.projectOf(ws));
    }

    @Test
    void toolOutsideTheDelegationsScope_isDenied_andTheAgentSaysItCannot() {
        String ws = workspace();
        agents.delegate(ws, "vpr_basic", BASIC);
        Played p = play(ws, "vpr_basic", leadOf(Persona.QUALIFIED_BUYER), PROFILE.aiDisclosure());

        assertThat(p.decisions()).contains("book_meeting:deny:scope_denied");
        assertThat(p.call().verdict().meeting()).isEmpty();
        assertThat(p.call().transcript()).anySatisfy(t -> {
            assertThat(t.role()).isEqualTo(Role.AGENT);
            assertThat(t.text()).contains("not able to book meetings myself");
        });
        assertThat(verify(ws, p.governed().sessionId()).verified()).isTrue();
    }

    @Test
    void firstTurnWithoutTheDisclosure_getsTheNextTurnDenied_andTheAgentStops() {
        String ws = workspace();
        agents.delegate(ws, "vpr_quiet", BASIC);
        // The governed session looks for a disclosure line the agent never says.
        Played p = play(ws, "vpr_quiet", leadOf(Persona.QUALIFIED_BUYER), "I am definitely a robot.");

        assertThat(p.decisions()).containsSubsequence("turn:allow", "turn:deny:ai_disclosure_missing");
        assertThat(p.call().end().reason()).isEqualTo(EndReason.POLICY_DENIED);
        assertThat(verify(ws, p.governed().sessionId()).verified()).isTrue();
    }

    @Test
    void recordingBeforeConsent_isFlagged_andTheNextTurnDenied() {
        String ws = workspace();
        agents.delegate(ws, "vpr_rec", BASIC);
        GovernedCall g = governance.open(new CallGovernance.Opening(ws, "call_" + UUID.randomUUID().toString()
                .replace("-", ""), "vpr_rec", 1, "lead-7", "simulated", PROFILE.aiDisclosure()));
        assertThat(g.agentTurn("Hello. " + PROFILE.aiDisclosure()).allowed()).isTrue();
        g.utterance(Role.AGENT, "Hello. " + PROFILE.aiDisclosure(), Instant.now());
        g.recordingStarted(false, Instant.now());

        Decision next = g.agentTurn("Shall we go on?");
        assertThat(next.allowed()).isFalse();
        assertThat(next.reasonCode()).isEqualTo("explicit_consent_missing");
        herald.services().db().write(h -> g.close(Map.of()));
        assertThat(verify(ws, g.sessionId()).verified()).isTrue();
    }

    @Test
    void recordingAfterConsent_isAllowed() {
        String ws = workspace();
        agents.delegate(ws, "vpr_rec", BASIC);
        GovernedCall g = governance.open(new CallGovernance.Opening(ws, "call_" + UUID.randomUUID().toString()
                .replace("-", ""), "vpr_rec", 1, "lead-7", "simulated", PROFILE.aiDisclosure()));
        g.utterance(Role.AGENT, "Hello. " + PROFILE.aiDisclosure(), Instant.now());
        g.recordingStarted(true, Instant.now());
        assertThat(g.agentTurn("Shall we go on?").allowed()).isTrue();
        herald.services().db().write(h -> g.close(Map.of()));
    }

    @Test
    void anAgentWithoutTheSessionScopes_cannotStartACall() {
        String ws = workspace();
        agents.delegate(ws, "vpr_mute", List.of("meeting:attend"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> governance.open(new CallGovernance.Opening(ws,
                        "call_" + UUID.randomUUID().toString().replace("-", ""), "vpr_mute", 1, "lead-1", "simulated",
                        PROFILE.aiDisclosure())))
                .isInstanceOf(CallGovernance.Refused.class)
                .satisfies(e -> assertThat(((CallGovernance.Refused) e).reasonCode()).isEqualTo("scope_denied"));
    }

    @Test
    void aWorkspaceIsSetUpOnce_withItsVoiceProjectKeyAndPolicy() {
        String ws = workspace();
        WorkspaceGovernance.Setup first = workspaces.of(ws);
        WorkspaceGovernance other = new WorkspaceGovernance(herald.services().db(), herald.services().clock(),
                herald.services().random(), herald.services().mapper(), herald.services().projects(),
                herald.services().sidecarKeys(), herald.services().policies(), herald.services().secrets());
        WorkspaceGovernance.Setup again = other.of(ws);
        assertThat(again.projectId()).isEqualTo(first.projectId());
        assertThat(again.sidecarKeyId()).isEqualTo(first.sidecarKeyId());
        assertThat(herald.services().sidecarKeys().list(first.projectId())).hasSize(1);
        assertThat(herald.services().policies().get(first.projectId(), first.policyId()).document().json()
                .path("require_ai_disclosure").asBoolean()).isTrue();
    }
}
