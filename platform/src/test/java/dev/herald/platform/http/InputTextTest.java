package dev.herald.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InputTextTest {
    private static boolean decoderAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void utf8CheckAnswersAsTheJdksReportingDecoderOnEdgeSequences() {
        List<String> cases = List.of("", "41", "c280", "c180", "c0af", "dfbf", "e0a080", "e09fbf", "ed9fbf",
                "eda080", "edbfbf", "ee8080", "efbfbf", "f0908080", "f08fbfbf", "f48fbfbf", "f4908080", "f5808080",
                "ff", "80", "bf", "c2", "e0a0", "f09080", "c241", "e0a041", "f0908041", "e282ac", "f09f9880");
        for (String hex : cases) {
            byte[] bytes = HexFormat.of().parseHex(hex);
            assertThat(InputText.isWellFormedUtf8(bytes)).as(hex).isEqualTo(decoderAccepts(bytes));
        }
    }

    @Test
    void utf8CheckAnswersAsTheJdksReportingDecoderOnRandomBytes() {
        Random random = new Random(20261127);
        List<byte[]> mismatches = new ArrayList<>();
        for (int n = 0; n < 200_000; n++) {
            byte[] bytes = new byte[random.nextInt(8)];
            for (int i = 0; i < bytes.length; i++) {
                // Mostly the bytes that matter: leads, continuations and the boundary values.
                bytes[i] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
            }
            if (InputText.isWellFormedUtf8(bytes) != decoderAccepts(bytes)) {
                mismatches.add(bytes);
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
