package dev.herald.governance.realtime;

import static dev.herald.server.testing.MppToolCalls.payment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.testing.Http;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Policy documents and every rule, the budget envelope, snapshots locked at start, and mpp.payment. */
abstract class PolicyContract extends RealtimeTestBase {

    private static ObjectNode rules() {
        return MAPPER.createObjectNode();
    }

    private long sessions(Tenant t) {
        return herald.services().db().read(h -> h.createQuery("SELECT COUNT(*) FROM realtime_sessions WHERE project_id = :p")
                .bind("p", t.projectId()).mapTo(Long.class).one());
    }

    private Tenant recording() {
        Tenant t = tenant();
        http.send("PUT", "/v1/project-settings", t.key(), "application/json", "{\"atom_signatures\":\"record\"}".getBytes());
        return t;
    }

    @Test
    void denyAtStart_is403WithDecisionAndReason_andCreatesNothing() {
        Tenant t = tenant();
        ObjectNode r = rules();
        r.putArray("allowed_providers").add("anthropic");
        String policyId = policy(t, r).json().get("policy_id").asText();
        ObjectNode body = startBody(t, "idem-denied", 1000L);
        Http.Response denied = post(t, "/v1/sessions", body);
        assertProblem(denied, 403, null);
        assertThat(denied.json().get("decision").asText()).isEqualTo("deny");
        assertThat(denied.json().get("user_facing_reason").asText()).isNotBlank();
        assertThat(denied.json().get("reason_code").asText()).isEqualTo("provider_not_allowed");
        assertThat(denied.json().get("authorization_trace").toString()).contains("allowed_providers");
        assertThat(sessions(t)).isZero();
        long rows = herald.services().db().read(h -> h.createQuery("SELECT COUNT(*) FROM session_events e "
                + "JOIN realtime_sessions s ON s.id = e.session_id WHERE s.project_id = :p").bind("p", t.projectId())
                .mapTo(Long.class).one());
        assertThat(rows).isZero();
        // The deny stored nothing under the key: once the policy is gone the same start succeeds.
        assertThat(post(t, "/v1/policies/" + policyId + "/deactivate", MAPPER.createObjectNode()).status()).isEqualTo(200);
        assertThat(post(t, "/v1/sessions", body).status()).isEqualTo(201);
    }

    @Test
    void modelOperationTokenAndSpendRules_denyAtStart() {
        Tenant t = tenant();
        ObjectNode r = rules();
        r.putArray("allowed_models").add("gpt-4o-mini-realtime");
        policy(t, r);
        assertThat(post(t, "/v1/sessions", startBody(t, "m", null)).json().get("reason_code").asText())
                .isEqualTo("model_not_allowed");
        Tenant t2 = tenant();
        policy(t2, rules().put("max_session_budget_micros", 100_000));
        assertThat(post(t2, "/v1/sessions", startBody(t2, "s", 250_000L)).json().get("reason_code").asText())
                .isEqualTo("session_budget_cap_exceeded");
        // Without an explicit envelope the spend cap becomes the envelope.
        String id = start(t2, null);
        assertThat(get(t2, "/v1/sessions/" + id).json().get("budget").get("total_micros").asLong()).isEqualTo(100_000);
        Tenant t3 = tenant();
        ObjectNode ops = rules();
        ops.putArray("allowed_operations").add("realtime.transcribe");
        policy(t3, ops);
        assertThat(post(t3, "/v1/sessions", startBody(t3, "o", null)).json().get("reason_code").asText())
                .isEqualTo("operation_not_allowed");
    }

    @Test
    void budgetExhaustion_deniesTheTurn_andReservesNothing() {
        Tenant t = tenant();
        String id = start(t, 10_000L);
        assertThat(turn(t, id, 1, 1, 6_000).json().get("decision").asText()).isEqualTo("allow");
        JsonNode denied = turn(t, id, 1, 1, 6_000).json();
        assertThat(denied.get("decision").asText()).isEqualTo("deny");
        assertThat(denied.get("reason_code").asText()).isEqualTo("budget_exhausted");
        assertThat(denied.get("user_facing_reason").asText()).isNotBlank();
        assertThat(denied.get("budget").get("used_micros").asLong()).isEqualTo(6_000);
        assertThat(turn(t, id, 1, 1, 4_000).json().get("decision").asText()).isEqualTo("allow");
        JsonNode view = get(t, "/v1/sessions/" + id).json();
        assertThat(view.get("budget").get("remaining_micros").asLong()).isZero();
        assertThat(view.get("denied_turn_count").asInt()).isEqualTo(1);
        assertThat(turn(t, id, 1, 1, 1).json().get("decision").asText()).isEqualTo("deny");
    }

    @Test
    void perTurnCaps_denyTurnsAboveThem() {
        Tenant t = tenant();
        policy(t, rules().put("max_input_tokens_per_turn", 500).put("max_output_tokens_per_turn", 200)
                .put("max_turn_budget_micros", 5_000));
        String id = start(t, null);
        assertThat(turn(t, id, 500, 200, 5_000).json().get("decision").asText()).isEqualTo("allow");
        assertThat(turn(t, id, 501, 1, 1).json().get("reason_code").asText()).isEqualTo("token_cap_exceeded");
        assertThat(turn(t, id, 1, 201, 1).json().get("reason_code").asText()).isEqualTo("token_cap_exceeded");
        assertThat(turn(t, id, 1, 1, 5_001).json().get("reason_code").asText()).isEqualTo("turn_budget_cap_exceeded");
    }

    @Test
    void aiDisclosure_mustPrecedeTheFirstOutboundSpan() {
        Tenant t = recording();
        policy(t, rules().put("require_ai_disclosure", true));
        String id = start(t, null);
        JsonNode batch = acceptedEvents(t, id, transcript("outbound", "Hi, this is Sam from Acme."));
        assertThat(batch.get("results").get(0).get("policy_flag").asText()).isEqualTo("ai_disclosure_missing");
        assertThat(turn(t, id, 1, 1, 0).json().get("reason_code").asText()).isEqualTo("ai_disclosure_missing");
        assertThat(turn(t, id, 1, 1, 0).json().get("decision").asText()).isEqualTo("allow");

        String ok = start(t, null);
        acceptedEvents(t, ok, marker("ai_disclosure"), transcript("outbound", "I am an AI assistant."));
        assertThat(turn(t, ok, 1, 1, 0).json().get("decision").asText()).isEqualTo("allow");
        JsonNode artifact = end(t, ok).get("attestation_artifact");
        assertThat(artifact.get("chain").get(1).get("event_type").asText()).isEqualTo("voice.ai_disclosure.emitted");
    }

    @Test
    void explicitConsent_mustPrecedeRecording() {
        Tenant t = recording();
        policy(t, rules().put("require_explicit_consent", true));
        String id = start(t, null);
        acceptedEvents(t, id, marker("recording_started"));
        assertThat(turn(t, id, 1, 1, 0).json().get("reason_code").asText()).isEqualTo("explicit_consent_missing");
        String ok = start(t, null);
        acceptedEvents(t, ok, marker("consent_granted"), marker("recording_started"));
        assertThat(turn(t, ok, 1, 1, 0).json().get("decision").asText()).isEqualTo("allow");
    }

    private static final String CARD = "4111 1111 1111 1111";

    @Test
    void paymentCardInAnInboundSpan_isFlaggedRedactedFromStorage_andDeniesTheNextTurn() {
        Tenant t = recording();
        policy(t, rules().put("deny_payment_card_collection", true));
        String id = start(t, null);
        JsonNode batch = acceptedEvents(t, id, transcript("inbound", "my card is " + CARD + " thanks"),
                transcript("inbound", "order 1234567890123 please"));
        assertThat(batch.get("results").get(0).get("policy_flag").asText()).isEqualTo("payment_card_collection");
        assertThat(batch.get("results").get(1).has("policy_flag")).isFalse();
        String stored = herald.services().db().read(h -> h.createQuery(
                "SELECT payload FROM session_events WHERE session_id = :s AND seq = 2").bind("s", id).mapTo(String.class).one());
        // The card number, not "4111" alone: a random session id may contain those digits.
        assertThat(stored).doesNotContain(CARD).contains("[REDACTED:payment_card]");
        JsonNode denied = turn(t, id, 1, 1, 0).json();
        assertThat(denied.get("reason_code").asText()).isEqualTo("payment_card_collection");
        assertThat(turn(t, id, 1, 1, 0).json().get("decision").asText()).isEqualTo("allow");
        JsonNode artifact = end(t, id).get("attestation_artifact");
        assertThat(artifact.toString()).doesNotContain(CARD);
        assertThat(artifact.get("chain").get(1).get("redactions").get(0).asText()).isEqualTo("payment_card");
    }

    @Test
    void allowedToolsAndVerbs_decideToolCalls() {
        Tenant t = tenant();
        ObjectNode r = rules();
        r.putArray("allowed_tools").add("lookup_order_status");
        r.putArray("allowed_action_verbs").add("ai.generate");
        policy(t, r);
        String id = start(t, null);
        ObjectNode ok = MAPPER.createObjectNode().put("tool_name", "lookup_order_status").put("call_id", "c1");
        assertThat(post(t, "/v1/sessions/" + id + "/action-permits", ok).status()).isEqualTo(201);
        ObjectNode otherTool = MAPPER.createObjectNode().put("tool_name", "refund").put("call_id", "c2");
        JsonNode denied = post(t, "/v1/sessions/" + id + "/action-permits", otherTool).json();
        assertThat(denied.get("reason_code").asText()).isEqualTo("tool_not_allowed");
        assertThat(denied.get("tool_call_permit").isNull()).isTrue();
        ObjectNode payment = payment("c3", 1499, "1499", future(1800));
        payment.put("tool_name", "lookup_order_status");
        assertThat(post(t, "/v1/sessions/" + id + "/action-permits", payment).json().get("reason_code").asText())
                .isEqualTo("action_verb_not_allowed");
        ObjectNode unknown = MAPPER.createObjectNode().put("tool_name", "lookup_order_status").put("call_id", "c4")
                .put("action_verb", "teleport");
        assertProblem(post(t, "/v1/sessions/" + id + "/action-permits", unknown), 400, "action_verb");
        ObjectNode turn = MAPPER.createObjectNode().put("input_tokens", 1);
        turn.set("tool_call", unknown);
        assertProblem(post(t, "/v1/sessions/" + id + "/turns", turn), 400, "tool_call.action_verb");
    }

    private static String future(long seconds) {
        return Instant.now().plusSeconds(seconds).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    @Test
    void mppPayment_validatesTheSpendAuthority() {
        Tenant t = tenant();
        policy(t, rules().put("max_payment_amount_minor", 5000));
        String id = start(t, 250_000L);
        ObjectNode turn = MAPPER.createObjectNode().put("input_tokens", 410).put("output_tokens", 90)
                .put("risk_budget_used_micros", 7000);
        turn.set("tool_call", payment("call_mpp_1", 1499, "1499", future(1800)));
        JsonNode ok = post(t, "/v1/sessions/" + id + "/turns", turn).json();
        assertThat(ok.get("decision").asText()).as(ok.toString()).isEqualTo("allow");
        JsonNode permit = ok.get("tool_call_permit");
        assertThat(permit.get("action_name").asText()).isEqualTo("mpp.payment");
        assertThat(permit.get("resource_provider").asText()).isEqualTo("stripe_mpp");
        assertThat(permit.get("resource_model").asText()).isEqualTo("stripe.mpp.v1");

        String path = "/v1/sessions/" + id + "/action-permits";
        assertThat(post(t, path, payment("c2", 1500, "1499", future(1800))).json().get("reason_code").asText())
                .isEqualTo("mpp_amount_exceeds_authority");
        assertThat(post(t, path, payment("c3", 1499, "1499", "2026-06-03T19:00:00Z")).json().get("reason_code").asText())
                .isEqualTo("mpp_token_expired");
        assertThat(post(t, path, payment("c4", 1499, "1499", future(7200))).json().get("reason_code").asText())
                .isEqualTo("mpp_token_outlives_authority");
        ObjectNode euro = payment("c5", 1499, "1499", future(1800));
        ((ObjectNode) euro.get("arguments").get("authority")).put("currency_class", "EUR_FIAT");
        assertThat(post(t, path, euro).json().get("reason_code").asText()).isEqualTo("mpp_currency_mismatch");
        ObjectNode unapproved = payment("c6", 1499, "1499", future(1800));
        ((ObjectNode) unapproved.get("arguments").get("spend_request_payload")).put("status", "pending");
        assertThat(post(t, path, unapproved).json().get("reason_code").asText()).isEqualTo("mpp_spend_not_approved");
        assertThat(post(t, path, payment("c7", 6000, "9000", future(1800))).json().get("reason_code").asText())
                .isEqualTo("payment_cap_exceeded");
        // verb_context wins over arguments when present.
        ObjectNode withContext = payment("c8", 1499, "1499", future(1800));
        ObjectNode context = withContext.get("arguments").deepCopy();
        ((ObjectNode) context.get("authority")).put("amount_max", "100");
        withContext.set("verb_context", context);
        assertThat(post(t, path, withContext).json().get("reason_code").asText()).isEqualTo("mpp_amount_exceeds_authority");
        JsonNode artifact = end(t, id).get("attestation_artifact");
        assertThat(verify(artifact).verified()).isTrue();
    }

    @Test
    void policyChange_neverAltersARunningSession() {
        Tenant t = tenant();
        ObjectNode r = rules().put("max_input_tokens_per_turn", 1000);
        String policyId = policy(t, r).json().get("policy_id").asText();
        String running = start(t, null);
        String hash = get(t, "/v1/sessions/" + running).json().get("policy_snapshot_hash").asText();
        ObjectNode v2 = MAPPER.createObjectNode();
        v2.set("policy_json", rules().put("max_input_tokens_per_turn", 10));
        Http.Response version = post(t, "/v1/policies/" + policyId + "/versions", v2);
        assertThat(version.json().get("version").asInt()).isEqualTo(2);
        ObjectNode strict = rules();
        strict.putArray("allowed_tools").add("nothing");
        policy(t, strict);
        assertThat(turn(t, running, 900, 1, 0).json().get("decision").asText()).isEqualTo("allow");
        ObjectNode tool = MAPPER.createObjectNode().put("tool_name", "lookup").put("call_id", "c1");
        assertThat(post(t, "/v1/sessions/" + running + "/action-permits", tool).status()).isEqualTo(201);
        assertThat(get(t, "/v1/sessions/" + running).json().get("policy_snapshot_hash").asText()).isEqualTo(hash);

        String later = start(t, null);
        assertThat(get(t, "/v1/sessions/" + later).json().get("policy_snapshot_hash").asText()).isNotEqualTo(hash);
        assertThat(turn(t, later, 900, 1, 0).json().get("reason_code").asText()).isEqualTo("token_cap_exceeded");
        JsonNode artifact = end(t, running).get("attestation_artifact");
        assertThat(artifact.get("policy_snapshot").get("policies").get(0).get("version").asInt()).isEqualTo(1);
        assertThat(verify(artifact).verified()).isTrue();
    }

    @Test
    void policyDocuments_createListReadVersionDeactivate_andAreTenantScoped() {
        Tenant t = tenant();
        Tenant other = tenant();
        ObjectNode r = rules().put("require_ai_disclosure", true);
        JsonNode created = policy(t, r).json();
        String id = created.get("policy_id").asText();
        assertThat(created.get("version").asInt()).isEqualTo(1);
        assertThat(get(t, "/v1/policies").json().get("data")).hasSize(1);
        assertThat(get(t, "/v1/policies/" + id).json().get("policy_json").get("require_ai_disclosure").asBoolean()).isTrue();
        assertProblem(get(other, "/v1/policies/" + id), 404, null);
        assertThat(get(other, "/v1/policies").json().get("data")).isEmpty();
        ObjectNode v2 = MAPPER.createObjectNode();
        v2.set("policy_json", rules().put("require_ai_disclosure", false));
        post(t, "/v1/policies/" + id + "/versions", v2);
        assertThat(get(t, "/v1/policies/" + id + "/versions/1").json().get("policy_json").get("require_ai_disclosure")
                .asBoolean()).isTrue();
        assertThat(post(t, "/v1/policies/" + id + "/deactivate", MAPPER.createObjectNode()).json().get("active")
                .asBoolean()).isFalse();
        assertProblem(post(t, "/v1/policies/" + id + "/versions", v2), 409, null);
        ObjectNode typo = MAPPER.createObjectNode().put("name", "typo");
        typo.putObject("policy_json").put("require_ai_disclosur", true);
        assertProblem(post(t, "/v1/policies", typo), 422, "policy_json.require_ai_disclosur");
        ObjectNode wrong = MAPPER.createObjectNode().put("name", "wrong");
        wrong.putObject("policy_json").put("max_input_tokens_per_turn", "ten");
        assertProblem(post(t, "/v1/policies", wrong), 422, "policy_json.max_input_tokens_per_turn");
    }
}
