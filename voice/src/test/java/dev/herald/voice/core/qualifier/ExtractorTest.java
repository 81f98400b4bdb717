package dev.herald.voice.core.qualifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.voice.core.call.AnswerValue;
import dev.herald.voice.core.profile.AnswerRule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExtractorTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 1, 15);
    private final Extractor extractor = new Extractor(TODAY);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "About 120 people.|120",
            "roughly a hundred and twenty|120",
            "We're around one hundred twenty, give or take.|120",
            "twenty-five|25",
            "1,200 across three offices|1200",
            "a dozen or so|12",
            "Between 50 and 100.|50",
            "It's 2.5k seats|2500",
            "just a couple|2",
    })
    void numbers_inDigitsOrWords(String said, String expected) {
        assertThat(extractor.extract(AnswerRule.NumberRule.any(), said))
                .contains(new AnswerValue.Number(new BigDecimal(expected)));
    }

    @Test
    void numbersOutsideTheRulesRange_areNotAnswers() {
        var rule = new AnswerRule.NumberRule(Optional.of(BigDecimal.ONE), Optional.of(BigDecimal.valueOf(1000)));
        assertThat(extractor.extract(rule, "about five million")).isEmpty();
        assertThat(extractor.extract(rule, "no idea")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1} {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "$50,000|50000|USD|TOTAL",
            "Fifty thousand dollars a year.|50000|USD|YEAR",
            "around 20 grand annually|20000|USD|YEAR",
            "We have €40,000 set aside.|40000|EUR|TOTAL",
            "maybe 3k a month|3000|USD|MONTH",
            "about thirty thousand pounds per year|30000|GBP|YEAR",
            "half a million|500000|USD|TOTAL",
            "Honestly, there's no budget for it.|0|USD|TOTAL",
    })
    void money_withCurrencyAndPeriod(String said, String amount, String currency, AnswerValue.Money.Period period) {
        assertThat(extractor.extract(new AnswerRule.MoneyRule(Currency.getInstance("USD")), said))
                .contains(new AnswerValue.Money(new BigDecimal(amount), Currency.getInstance(currency), period));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Yes, that's me.|true",
            "Yeah, I make the call.|true",
            "Absolutely|true",
            "No, that would be my boss.|false",
            "Nope.|false",
            "I am not, someone else decides.|false",
            "Not really, no.|false",
    })
    void yesNo(String said, boolean yes) {
        assertThat(extractor.extract(new AnswerRule.YesNoRule(), said)).contains(new AnswerValue.YesNo(yes));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "As soon as possible.|2026-01-29",
            "Within the next six weeks|2026-02-26",
            "in a couple of months|2026-03-15",
            "Next quarter, ideally.|2026-06-30",
            "Probably by March.|2026-03-31",
            "We're targeting Q3.|2026-09-30",
            "next month|2026-02-28",
            "early next year|2027-03-31",
            "by 2026-05-01|2026-05-01",
    })
    void timeframes_resolveToTheLatestDateTheyAllow(String said, String by) {
        LocalDate date = LocalDate.parse(by);
        assertThat(extractor.extract(new AnswerRule.TimeframeRule(), said)).contains(
                new AnswerValue.Timeframe(date, java.time.temporal.ChronoUnit.DAYS.between(TODAY, date)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"No real timeline.", "Someday, maybe.", "Not anytime soon."})
    void noTimeline_isItsOwnAnswer(String said) {
        assertThat(extractor.extract(new AnswerRule.TimeframeRule(), said)).contains(new AnswerValue.NoTimeframe());
    }

    @Test
    void choices_needExactlyOneOption() {
        var rule = new AnswerRule.ChoiceRule(Map.of(
                "spreadsheets", List.of("excel", "google sheets"), "hubspot", List.of("hub spot"), "salesforce", List.of()));
        assertThat(extractor.extract(rule, "Mostly Excel, honestly.")).contains(new AnswerValue.Choice("spreadsheets"));
        assertThat(extractor.extract(rule, "We're on HubSpot.")).contains(new AnswerValue.Choice("hubspot"));
        assertThat(extractor.extract(rule, "HubSpot and Salesforce")).isEmpty();
        assertThat(extractor.extract(rule, "something custom")).isEmpty();
    }

    @Test
    void freeText_needsEnoughWords_andNotADodge() {
        assertThat(extractor.extract(new AnswerRule.TextRule(3), "Our reps waste hours on data entry"))
                .contains(new AnswerValue.Text("Our reps waste hours on data entry"));
        assertThat(extractor.extract(new AnswerRule.TextRule(3), "dunno")).isEmpty();
        assertThat(extractor.extract(new AnswerRule.TextRule(3), "I'm not sure really")).isEmpty();
    }

    @Test
    void intents_areRecognized() {
        assertThat(Intents.of("Please take me off your list.")).contains(Intents.Kind.DO_NOT_CALL);
        assertThat(Intents.of("Hi, you've reached Sam. Please leave a message after the tone.")).contains(Intents.Kind.VOICEMAIL);
        assertThat(Intents.of("Sorry, who is this?")).containsExactly(Intents.Kind.IDENTITY);
        assertThat(Intents.of("We're not interested, thanks.")).contains(Intents.Kind.NOT_INTERESTED);
        assertThat(Intents.questions("Sure. Does it integrate with Salesforce?")).containsExactly("Does it integrate with Salesforce?");
        assertThat(Intents.statements("About 40. Does it integrate with Salesforce?")).isEqualTo("About 40.");
        assertThat(Intents.unsure("Honestly I'm not sure")).contains("not sure");
    }
}
