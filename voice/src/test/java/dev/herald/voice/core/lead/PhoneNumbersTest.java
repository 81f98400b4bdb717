package dev.herald.voice.core.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "+1 (415) 555-2671|+14155552671",
            "+14155552671|+14155552671",
            "  +44 20 7946 0958 |+442079460958",
            "+49 30.1234.5678|+493012345678",
            "+39 06 1234 5678|+390612345678",
            "+7 495 123-45-67|+74951234567",
            "+353 1 234 5678|+35312345678",
            "+81 3/1234/5678|+81312345678",
            "+1\u00A0212\u00A0555\u00A00123|+12125550123",
    })
    void internationalNumbers_normalizeToCanonicalE164(String raw, String e164) {
        assertThat(PhoneNumbers.parse(raw)).isEqualTo(new PhoneNumbers.Result.Valid(new PhoneNumber(e164)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''|EMPTY",
            "'   '|EMPTY",
            "(415) 555-2671|MISSING_PLUS",
            "0044 20 7946 0958|MISSING_PLUS",
            "020 7946 0958|MISSING_PLUS",
            "+1 415 555 2671 ext 3|INVALID_CHARACTER",
            "+1-415-555-267l|INVALID_CHARACTER",
            "+0 123 456 789|INVALID_COUNTRY_CODE",
            "+1234567|TOO_SHORT",
            "+|TOO_SHORT",
            "+1234567890123456|TOO_LONG",
            "+44 (0)20 7946 0958|TRUNK_PREFIX",
            "+44 020 7946 0958|TRUNK_PREFIX",
            "+49 030 1234 5678|TRUNK_PREFIX",
            "+1 015 555 2671|INVALID_NANP",
            "+1 415 155 2671|INVALID_NANP",
            "+1 415 555 26712|INVALID_NANP",
    })
    void ambiguousOrMalformedNumbers_areRefusedWithTheirReason(String raw, PhoneRejection reason) {
        assertThat(PhoneNumbers.parse(raw)).isEqualTo(new PhoneNumbers.Result.Invalid(reason));
    }

    @Test
    void countryCode_isFoundByThePrefixFreeAssignment() {
        assertThat(PhoneNumbers.require("+14155552671").countryCode()).isEqualTo("1");
        assertThat(PhoneNumbers.require("+442079460958").countryCode()).isEqualTo("44");
        assertThat(PhoneNumbers.require("+35312345678").countryCode()).isEqualTo("353");
        assertThat(PhoneNumbers.require("+35312345678").nationalNumber()).isEqualTo("12345678");
    }

    @Test
    void phoneNumberRecord_acceptsOnlyCanonicalForm() {
        assertThatThrownBy(() -> new PhoneNumber("+1 415 555 2671")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneNumbers.require("555-2671"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing_plus");
    }
}
