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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reading a batch: every defect is a field error whose reason starts with its rejection code. */
class AtomBatchTest {
    private static final JsonBody JSON = new JsonBody(JsonMapping.create());
    private static final String AUDIO = "{\"atom_type\":\"audio_chunk\",\"idempotency_key\":\"a-1\","
            + "\"captured_at_ns\":1780513200000000000,\"direction\":\"inbound\",\"payload\":{\"content_hash\":\"sha256:"
            + "ab".repeat(32) + "\",\"format\":\"pcm16\",\"duration_ms\":20}}";

    private static ObjectNode body(String json) {
        return JSON.parse(json.getBytes(StandardCharsets.UTF_8), ObjectNode.class);
    }

    private static List<FieldError> errors(String json) {
        return catchThrowableOfType(Invalid.class, () -> AtomBatch.read(body(json))).errors();
    }

    private static String batch(String... atoms) {
        return "{\"batch_idempotency_key\":\"b-1\",\"events\":[" + String.join(",", atoms) + "]}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no batch key            | {"events":[]}                                       | batch_idempotency_key | malformed
            a key with a space      | {"batch_idempotency_key":"a b","events":[{}]}       | batch_idempotency_key | invalid_idempotency_key
            events not an array     | {"batch_idempotency_key":"b","events":{}}           | events                | malformed
            no atom                 | {"batch_idempotency_key":"b","events":[]}           | events                | empty_batch
            an atom not an object   | {"batch_idempotency_key":"b","events":[1]}          | events[0]             | malformed
            """)
    void aBatchDefect_isNamedWithItsCode(String what, String json, String field, String code) {
        assertThat(errors(json)).extracting(FieldError::field).contains(field);
        assertThat(errors(json)).filteredOn(e -> e.field().equals(field)).first()
                .satisfies(e -> assertThat(e.reason()).startsWith(code + ": "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown type         | "atom_type":"audio_chunk"           | "atom_type":"video_frame"         | events[0].atom_type              | unknown_atom_type
            float time           | "captured_at_ns":1780513200000000000 | "captured_at_ns":1.7805132E18    | events[0].captured_at_ns         | invalid_captured_at
            bad direction        | "direction":"inbound"               | "direction":"sideways"            | events[0].direction              | invalid_direction
            no direction         | "direction":"inbound",              | ''                                | events[0].direction              | invalid_direction
            media bytes          | "format":"pcm16"                    | "format":"pcm16","pcm":"AAAA"     | events[0].payload.pcm            | media_bytes
            other audio member   | "format":"pcm16"                    | "format":"pcm16","text":"hi"      | events[0].payload.text           | unexpected_audio_member
            bad content hash     | "content_hash":"sha256:             | "content_hash":"md5:              | events[0].payload.content_hash   | invalid_digest
            duration as text     | "duration_ms":20                    | "duration_ms":"long"              | events[0].payload.duration_ms    | invalid_number
            float in payload     | "duration_ms":20                    | "duration_ms":20.5                | events[0].payload.duration_ms    | invalid_number
            unknown algorithm    | "duration_ms":20}                   | "duration_ms":20},"signatures":[{"algorithm":"rsa","key_id":"k","signature":"x"}] | events[0].signatures[0].algorithm | unknown_algorithm
            signature without key| "duration_ms":20}                   | "duration_ms":20},"signatures":[{"algorithm":"ed25519","signature":"x"}] | events[0].signatures[0].key_id | malformed
            """)
    void anAtomDefect_isNamedWithItsCode(String what, String from, String to, String field, String code) {
        String atom = AUDIO.replace(from, to);
        assertThat(atom).as("the case changes the atom").isNotEqualTo(AUDIO);
        List<FieldError> errors = errors(batch(atom));
        assertThat(errors).extracting(FieldError::field).as(errors.toString()).contains(field);
        assertThat(errors).filteredOn(e -> e.field().equals(field)).first()
                .satisfies(e -> assertThat(e.reason()).startsWith(code + ": "));
    }

    @Test
    void everyDefectOfABatchIsNamedAtOnce() {
        String media = AUDIO.replace("\"format\":\"pcm16\"", "\"format\":\"pcm16\",\"audio\":\"AAAA\"");
        String noKey = AUDIO.replace("\"idempotency_key\":\"a-1\",", "");
        assertThat(errors(batch(AUDIO, media, noKey))).extracting(FieldError::field)
                .containsExactly("events[1].payload.audio", "events[2].idempotency_key");
    }

    @Test
    void aTooLargeBatch_isRefusedByItsSizeAlone() {
        String[] atoms = new String[Atom.MAX_BATCH + 1];
        java.util.Arrays.fill(atoms, "1");
        assertThat(errors(batch(atoms))).singleElement()
                .satisfies(e -> assertThat(e.reason()).startsWith("batch_too_large: at most 100"));
    }

    @Test
    void theErrorsKeptForOneBodyAreBounded() {
        String[] atoms = new String[Atom.MAX_BATCH];
        java.util.Arrays.fill(atoms, "{\"atom_type\":1,\"idempotency_key\":2,\"captured_at_ns\":\"x\"}");
        assertThat(errors(batch(atoms))).hasSize(AtomCheck.MAX_ERRORS);
    }

    @Test
    void aGoodBatch_keepsThePayloadAndSignaturesAsSent() {
        String signed = AUDIO.replace("\"duration_ms\":20}", "\"duration_ms\":20},\"signatures\":[{\"algorithm\":\"ed25519\","
                + "\"key_id\":\"k\",\"signature\":\"AAAA\",\"vendor_note\":\"kept\"}],\"extra\":\"ignored\"");
        AtomBatch batch = AtomBatch.read(body(batch(signed, AUDIO.replace("a-1", "a-2"))));
        assertThat(batch.batchKey()).isEqualTo("b-1");
        assertThat(batch.atoms()).hasSize(2);
        Atom first = batch.atoms().getFirst();
        assertThat(first.capturedAtNs()).isEqualTo("1780513200000000000");
        assertThat(first.signatures().get(0).path("vendor_note").asText()).isEqualTo("kept");
        assertThat(first.payload().path("duration_ms").asLong()).isEqualTo(20);
        assertThat(batch.atoms().get(1).signatures()).isEmpty();
    }
}
