package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.http.JsonMapping;
import dev.herald.governance.policy.PolicyDocument;
import dev.herald.governance.policy.PolicyRules;
import dev.herald.platform.store.Ids;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Planning a batch from a session state: the same atoms planned from another state decide differently. */
class AtomBatchPlanTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final SessionLedger.Subject SUBJECT = new SessionLedger.Subject("ses_1", "prj_1", "openai",
            "gpt-realtime", "realtime.session");
    private static final AtomBatchPlan.State FRESH = new AtomBatchPlan.State(false, false, null);
    private static final AtomSignatures.Result VERIFIED = AtomSignatures.Result.verified(List.of("k"));
    private static final AtomRejection.Reason BAD_SIGNATURE = AtomRejection.BAD_SIGNATURE.because("signatures[0]: bad");
    private static final AtomSignatures.Result BAD = new AtomSignatures.Result(BAD_SIGNATURE, List.of());

    private final SessionLedger ledger = new SessionLedger(null, new Ids(Clock.systemUTC(), new SecureRandom()),
            Clock.systemUTC(), JsonMapping.create());
    private final PolicyRules disclosureRequired = PolicyDocument.of(
            JSON.objectNode().put("require_ai_disclosure", true).put("deny_payment_card_collection", true)).rules();

    @Test
    void outboundSpeechBeforeDisclosureIsFlaggedOnlyWhenTheStateHasNotSeenIt() {
        List<Atom> atoms = List.of(span("a", "outbound", "hello"));
        AtomBatchPlan fresh = plan(atoms, FRESH, true, Map.of());
        AtomBatchPlan disclosed = plan(atoms, new AtomBatchPlan.State(true, false, null), true, Map.of());
        assertThat(accepted(fresh, 0).attributes().path("policy_flag").asText()).isEqualTo("ai_disclosure_missing");
        assertThat(fresh.end.pendingViolation()).isEqualTo("ai_disclosure_missing");
        assertThat(accepted(disclosed, 0).attributes().has("policy_flag")).isFalse();
        assertThat(disclosed.end).isEqualTo(new AtomBatchPlan.State(true, false, null));
    }

    @Test
    void aDisclosureMarkerEarlierInTheBatchClearsLaterSpeech() {
        AtomBatchPlan plan = plan(List.of(marker("m", "ai_disclosure"), span("a", "outbound", "hello")), FRESH, true,
                Map.of());
        assertThat(accepted(plan, 1).attributes().has("policy_flag")).isFalse();
        assertThat(plan.end.disclosureSeen()).isTrue();
    }

    @Test
    void duplicatesRejectionsAndAcceptancesAreDecidedInOrder() {
        List<Atom> atoms = List.of(span("a", "inbound", "one"), span("a", "inbound", "again"),
                span("b", "inbound", "earlier batch"), span("c", "inbound", "unsigned"), span("c", "inbound", "retry"));
        List<AtomSignatures.Result> verdicts = List.of(VERIFIED, VERIFIED, VERIFIED, BAD, VERIFIED);
        AtomBatchPlan.StoredAtom stored = new AtomBatchPlan.StoredAtom(4, "sha256:00");
        AtomBatchPlan enforced = AtomBatchPlan.of(ledger, SUBJECT, disclosureRequired, FRESH, atoms, verdicts, true,
                Map.of("b", stored));
        assertThat(enforced.outcomes.get(0)).isInstanceOf(AtomBatchPlan.Accepted.class);
        assertThat(enforced.outcomes.get(1)).isEqualTo(new AtomBatchPlan.DuplicateInBatch(0));
        assertThat(enforced.outcomes.get(2)).isEqualTo(new AtomBatchPlan.DuplicateStored(stored));
        assertThat(enforced.outcomes.get(3)).isEqualTo(new AtomBatchPlan.Rejected(BAD_SIGNATURE));
        // The rejected atom did not claim its key, so the next atom with it is decided on its own.
        assertThat(enforced.outcomes.get(4)).isInstanceOf(AtomBatchPlan.Accepted.class);
        assertThat(enforced.accepted()).isEqualTo(2);

        AtomBatchPlan recorded = AtomBatchPlan.of(ledger, SUBJECT, disclosureRequired, FRESH, atoms, verdicts, false,
                Map.of("b", stored));
        assertThat(accepted(recorded, 3).attributes().path("signature_status").asText()).isEqualTo("unverified");
        assertThat(recorded.outcomes.get(4)).isEqualTo(new AtomBatchPlan.DuplicateInBatch(3));
    }

    @Test
    void aCardNumberInInboundSpeechIsFlaggedAndRedacted() {
        AtomBatchPlan plan = plan(List.of(span("a", "inbound", "my card is 4111 1111 1111 1111 ok")), FRESH, true,
                Map.of());
        ObjectNode attrs = accepted(plan, 0).attributes();
        assertThat(attrs.path("policy_flag").asText()).isEqualTo("payment_card_collection");
        assertThat(attrs.path("redactions").toString()).isEqualTo("[\"payment_card\"]");
        assertThat(plan.end.pendingViolation()).isEqualTo("payment_card_collection");
    }

    private AtomBatchPlan plan(List<Atom> atoms, AtomBatchPlan.State start, boolean enforce,
                               Map<String, AtomBatchPlan.StoredAtom> earlier) {
        List<AtomSignatures.Result> verdicts = new ArrayList<>();
        atoms.forEach(a -> verdicts.add(VERIFIED));
        return AtomBatchPlan.of(ledger, SUBJECT, disclosureRequired, start, atoms, verdicts, enforce, earlier);
    }

    private static AtomBatchPlan.Accepted accepted(AtomBatchPlan plan, int i) {
        return (AtomBatchPlan.Accepted) plan.outcomes.get(i);
    }

    private static Atom span(String key, String direction, String text) {
        return new Atom(0, "transcript_span", key, "1780513200000000000", direction,
                JSON.objectNode().put("text", text), JSON.arrayNode());
    }

    private static Atom marker(String key, String type) {
        return new Atom(0, "lifecycle_marker", key, "1780513200000000000", null,
                JSON.objectNode().put("marker_type", type), JSON.arrayNode());
    }
}
