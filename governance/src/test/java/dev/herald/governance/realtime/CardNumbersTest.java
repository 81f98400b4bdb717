package dev.herald.governance.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardNumbersTest {
    @Test
    void luhnValidNumbersOf13To19Digits_areRedacted() {
        assertThat(CardNumbers.redact("card 4111111111111111 ok")).isEqualTo("card [REDACTED:payment_card] ok");
        assertThat(CardNumbers.redact("4222222222222")).isEqualTo(CardNumbers.REDACTION);
        assertThat(CardNumbers.redact("6011-0009-9013-9424")).isEqualTo(CardNumbers.REDACTION);
        assertThat(CardNumbers.redact("3530 1113 3330 0000")).isEqualTo(CardNumbers.REDACTION);
        assertThat(CardNumbers.redact("4000000000000000006")).isEqualTo(CardNumbers.REDACTION);
    }

    @Test
    void otherNumbers_areLeftAlone() {
        assertThat(CardNumbers.contains("4111111111111112")).isFalse();
        assertThat(CardNumbers.contains("order 123456789012")).isFalse();
        assertThat(CardNumbers.contains("call 555 0100 or 555 0199")).isFalse();
        assertThat(CardNumbers.contains("41111111111111111111")).isFalse();
        assertThat(CardNumbers.contains("no digits here")).isFalse();
    }
}
