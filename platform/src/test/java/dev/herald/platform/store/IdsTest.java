package dev.herald.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void anId_isThePrefix_twelveHexDigitsOfTheMillisecond_andFourteenRandomOnes() {
        for (long millis : new long[] {0L, 1L, 0x0193_a1b2_c3d4L, 1_795_774_663_857L, 0xFFFF_FFFF_FFFFL}) {
            Ids ids = new Ids(Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC), new SecureRandom());

            String id = ids.next("evt");

            assertThat(id).startsWith("evt_" + String.format("%012x", millis)).hasSize(4 + 26);
            assertThat(Ids.looksLikeId(id)).isTrue();
        }
    }
}
