package dev.herald.voice.testcalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import org.junit.jupiter.api.Test;

class TestCallRoutesTest {

    private static String field(TestCallRoutes.TurnBody body) {
        try {
            TestCallRoutes.input(body);
        } catch (Invalid e) {
            return e.errors().stream().map(FieldError::field).findFirst().orElseThrow();
        }
        throw new AssertionError("accepted " + body);
    }

    @Test
    void aCalleeMove_isTextOrOneOfTwoEvents() {
        assertThat(TestCallRoutes.input(new TestCallRoutes.TurnBody("Yes, go ahead.", null)))
                .isEqualTo(new CalleeInput.Says("Yes, go ahead."));
        assertThat(TestCallRoutes.input(new TestCallRoutes.TurnBody(null, "silence")))
                .isInstanceOf(CalleeInput.Silence.class);
        assertThat(TestCallRoutes.input(new TestCallRoutes.TurnBody(null, "hangup")))
                .isInstanceOf(CalleeInput.HangsUp.class);
    }

    @Test
    void aBadMove_namesTheField() {
        assertThat(field(new TestCallRoutes.TurnBody(null, null))).isEqualTo("text");
        assertThat(field(new TestCallRoutes.TurnBody("yes", "silence"))).isEqualTo("event");
        assertThat(field(new TestCallRoutes.TurnBody(" ", null))).isEqualTo("text");
        assertThat(field(new TestCallRoutes.TurnBody("x".repeat(2_001), null))).isEqualTo("text");
        assertThat(field(new TestCallRoutes.TurnBody(null, "dance"))).isEqualTo("event");
        assertThatThrownBy(() -> TestCallRoutes.input(new TestCallRoutes.TurnBody(null, "Silence")))
                .isInstanceOf(Invalid.class);
    }
}
