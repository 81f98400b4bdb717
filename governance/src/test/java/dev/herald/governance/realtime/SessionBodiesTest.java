package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.JsonMapping;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The session start, turn, action-permit and end bodies are typed records read by the server's
 * one mapper and checked in one place each: a client is told every bad field at once, by the same
 * paths the API always used, and members the records do not name stay in the raw body for hooks.
 */
class SessionBodiesTest {
    private static final JsonBody JSON = new JsonBody(JsonMapping.create());

    private static <T> T read(String body, Class<T> type) {
        return JSON.map(JSON.parse(body.getBytes(StandardCharsets.UTF_8), ObjectNode.class), type);
    }

    private static List<FieldError> errors(Runnable check) {
        return catchThrowableOfType(Invalid.class, check::run).errors();
    }

    @Test
    void aStartBodyWithSeveralBadFields_namesEveryOneOfThemAtOnce() {
        StartBody body = read("""
                {"permit":{"project_id":"p","idempotency_key":"has space","subject":{"type":"user"},
                 "action":{"name":"other"},"resource":{"type":"t","id":"r","attributes":{"provider":"openai",
                 "execution_mode":"batch","estimated_input_tokens":-1}}},
                 "metadata":{"score":0.5},"risk_budget_total_micros":-2}""", StartBody.class);
        assertThat(errors(body::check)).containsExactly(
                new FieldError("permit.idempotency_key", "must be 1 to 255 visible ASCII characters"),
                new FieldError("permit.subject.id", "is required"),
                new FieldError("permit.action.name", "must be 'realtime.session'"),
                new FieldError("permit.resource.attributes.model", "is required"),
                new FieldError("permit.resource.attributes.execution_mode", "must be 'realtime'"),
                new FieldError("permit.resource.attributes.estimated_input_tokens", "must be a non-negative integer"),
                new FieldError("metadata.score",
                        "must be an integer (floats are not accepted; send a string or scaled integer)"),
                new FieldError("risk_budget_total_micros", "must be a non-negative integer"));
    }

    @Test
    void aStartBodyWithoutAPermit_isRequiredByName() {
        assertThat(errors(read("{}", StartBody.class)::check)).containsExactly(new FieldError("permit", "is required"));
    }

    @Test
    void aStartBody_defaultsOperationModeAndBudget_andKeepsTheRawBodyForHooks() {
        String sent = """
                {"permit":{"project_id":"p","idempotency_key":"k1","subject":{"type":"user","id":"u"},
                 "action":{"name":"realtime.session"},"resource":{"type":"t","id":"r",
                 "attributes":{"provider":"openai","model":"gpt"}}},"proof":{"agent":"a"}}""";
        ObjectNode tree = JSON.parse(sent.getBytes(StandardCharsets.UTF_8), ObjectNode.class);
        StartBody body = JSON.map(tree, StartBody.class);
        body.check();
        StartRequest req = body.request(new dev.herald.platform.auth.Caller("ws", "p", "key", java.util.Set.of()), "p", tree);
        assertThat(req.operation()).isEqualTo("realtime.session");
        assertThat(req.executionMode()).isEqualTo("realtime");
        assertThat(req.budgetTotalMicros()).isEqualTo(-1);
        assertThat(req.metadata().isEmpty()).isTrue();
        assertThat(req.body().path("proof").path("agent").asText()).isEqualTo("a");
    }

    @Test
    void aWrongTypeInsideTheStartPermit_isNamedByItsPath() {
        Invalid e = catchThrowableOfType(Invalid.class,
                () -> read("{\"permit\":{\"subject\":{\"type\":5}}}", StartBody.class));
        assertThat(e.errors()).containsExactly(new FieldError("permit.subject.type", "must be a string"));
    }

    @Test
    void aTurnWithABadToolCall_namesItsFieldsUnderToolCall() {
        TurnBody body = read("""
                {"input_tokens":-1,"tool_call":{"call_id":"","arguments":{"a":[1.5]}},"ratify":{}}""",
                TurnBody.class);
        assertThat(errors(body::check)).containsExactly(
                new FieldError("input_tokens", "must be a non-negative integer"),
                new FieldError("tool_call.tool_name", "is required"),
                new FieldError("tool_call.call_id", "is required"),
                new FieldError("tool_call.arguments.a[0]",
                        "must be an integer (floats are not accepted; send a string or scaled integer)"));
    }

    @Test
    void anActionPermitBody_namesItsFieldsFromTheRoot() {
        ToolCallBody body = read("{\"tool_name\":\"t\",\"call_id\":\"c\",\"action_verb\":\" \"}", ToolCallBody.class);
        assertThat(errors(body::check)).containsExactly(new FieldError("action_verb", "is required"));
    }

    @Test
    void anEndBody_checksEveryMetric_andKeepsEachAsSent() {
        EndBody bad = read("""
                {"usage_metrics":[null,{"meter":5},{"meter":"m","quantity":1.5}]}""", EndBody.class);
        assertThat(errors(bad::check)).containsExactly(
                new FieldError("usage_metrics[0]", "must be an object"),
                new FieldError("usage_metrics[1].meter", "must be a string"),
                new FieldError("usage_metrics[1].quantity", "is required"),
                new FieldError("usage_metrics[2].quantity", "must be a non-negative integer"));
        EndBody good = read("{\"usage_metrics\":[{\"quantity\":3,\"meter\":\"m\",\"unit\":\"s\"}]}", EndBody.class);
        good.check();
        assertThat(good.metrics().toString()).isEqualTo("[{\"quantity\":3,\"meter\":\"m\",\"unit\":\"s\"}]");
        assertThat(good.meta().isEmpty()).isTrue();
    }

    @Test
    void anEndBodyWhoseMetricsAreNotAnArray_isRefusedByName() {
        Invalid e = catchThrowableOfType(Invalid.class, () -> read("{\"usage_metrics\":{}}", EndBody.class));
        assertThat(e.errors()).containsExactly(new FieldError("usage_metrics", "must be an array"));
    }
}
