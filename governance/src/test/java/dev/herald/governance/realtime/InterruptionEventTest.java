package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platform.domain.FieldError;
import dev.herald.platform.domain.Invalid;
import dev.herald.platform.http.JsonBody;
import dev.herald.platform.http.JsonMapping;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InterruptionEventTest {
    private static final JsonBody JSON = new JsonBody(JsonMapping.create());
    private static final String BODY = "{\"interruption_id\":\"int-1\",\"captured_at_ns\":\"1780513203000000000\","
            + "\"delivered_digest\":\"sha256:" + "11".repeat(32) + "\",\"withheld_digest\":\"sha256:" + "22".repeat(32)
            + "\",\"cutoff_offset_ms\":840,\"provider_cancel\":{\"acknowledged\":true,\"provider_event_id\":\"e\"}}";

    private static ObjectNode body(String json) {
        return JSON.parse(json.getBytes(StandardCharsets.UTF_8), ObjectNode.class);
    }

    @Test
    void theSignedStateIsTheBodyWithoutIdTimeAndSignatures_keptAsSent() {
        InterruptionEvent event = InterruptionEvent.read(body(BODY));
        assertThat(event.interruptionId()).isEqualTo("int-1");
        assertThat(event.capturedAtNs()).isEqualTo("1780513203000000000");
        assertThat(event.state().has("interruption_id")).isFalse();
        assertThat(event.state().path("provider_cancel").path("provider_event_id").asText()).isEqualTo("e");
        assertThat(event.signatures()).isEmpty();
    }

    @Test
    void theFingerprintCoversTimeAndState_butNotTheSignatures() {
        InterruptionEvent event = InterruptionEvent.read(body(BODY));
        String signed = BODY.replace("}}", "},\"signatures\":[{\"algorithm\":\"ed25519\",\"key_id\":\"k\",\"signature\":\"AAAA\"}]}");
        assertThat(InterruptionEvent.read(body(signed)).fingerprint()).isEqualTo(event.fingerprint());
        assertThat(InterruptionEvent.read(body(BODY.replace("840", "841"))).fingerprint()).isNotEqualTo(event.fingerprint());
        assertThat(InterruptionEvent.read(body(BODY.replace("1780513203000000000", "1780513203000000001"))).fingerprint())
                .isNotEqualTo(event.fingerprint());
    }

    @Test
    void defectsAreNamedWithTheirCodes() {
        String bad = BODY.replace("\"cutoff_offset_ms\":840", "\"cutoff_offset_ms\":-1,\"colour\":\"red\"")
                .replace("sha256:" + "11".repeat(32), "sha1:x");
        var errors = catchThrowableOfType(Invalid.class, () -> InterruptionEvent.read(body(bad))).errors();
        assertThat(errors).extracting(FieldError::field)
                .containsExactlyInAnyOrder("colour", "delivered_digest", "cutoff_offset_ms");
        assertThat(errors).extracting(FieldError::reason).anyMatch(r -> r.startsWith("unknown_member: "))
                .anyMatch(r -> r.startsWith("invalid_digest: ")).anyMatch(r -> r.startsWith("invalid_number: "));
    }
}
