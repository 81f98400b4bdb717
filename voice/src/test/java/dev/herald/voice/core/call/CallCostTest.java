package dev.herald.voice.core.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallCostTest {
    private static final CallCost.Rate NINE_CENTS = new CallCost.Rate("USD", 90_000);

    @Test
    void billsEveryStartedSecondAtTheRatePerMinute() {
        assertThat(NINE_CENTS.of(60_000)).isEqualTo(new CallCost(90_000, "USD"));
        assertThat(NINE_CENTS.of(1)).as("one started second").isEqualTo(new CallCost(1_500, "USD"));
        assertThat(NINE_CENTS.of(61_001)).isEqualTo(new CallCost(93_000, "USD"));
        assertThat(NINE_CENTS.of(0)).isEqualTo(new CallCost(0, "USD"));
    }

    @Test
    void roundsAFractionOfAMicroUpNeverDown() {
        assertThat(new CallCost.Rate("EUR", 100).of(1_000)).isEqualTo(new CallCost(2, "EUR")); // 1.67 micros
    }

    @Test
    void theSimulatedProviderCostsNothing() {
        assertThat(CallCost.Rate.SIMULATED.of(3_600_000)).isEqualTo(new CallCost(0, "USD"));
    }

    @Test
    void refusesNegativeAmountsAndDurations() {
        assertThatThrownBy(() -> NINE_CENTS.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallCost.Rate("USD", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallCost(-1, "USD")).isInstanceOf(IllegalArgumentException.class);
    }
}
