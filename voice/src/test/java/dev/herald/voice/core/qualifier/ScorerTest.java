package dev.herald.voice.core.qualifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.voice.core.call.AnswerValue;
import dev.herald.voice.core.call.ExtractedAnswer;
import dev.herald.voice.core.profile.DefaultProfiles;
import dev.herald.voice.core.profile.Objective;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorerTest {
    private static final Objective DEMO = DefaultProfiles.demoQualifier().objectives().getFirst();
    private static final Currency USD = Currency.getInstance("USD");

    private static Map<String, ExtractedAnswer> answers(AnswerValue budget) {
        Map<String, ExtractedAnswer> out = new LinkedHashMap<>();
        out.put("decision_maker", new ExtractedAnswer("decision_maker", new AnswerValue.YesNo(true), "yes", 1));
        out.put("team_size", new ExtractedAnswer("team_size", new AnswerValue.Number(BigDecimal.valueOf(40)), "40", 1));
        out.put("budget", new ExtractedAnswer("budget", budget, "...", 1));
        out.put("timeline", new ExtractedAnswer("timeline", new AnswerValue.Timeframe(LocalDate.of(2026, 3, 1), 45), "soon", 1));
        out.put("current_tool", new ExtractedAnswer("current_tool", new AnswerValue.Choice("hubspot"), "hubspot", 1));
        return out;
    }

    @Test
    void allCriteriaMet_scoresFullMarks() {
        var budget = new AnswerValue.Money(BigDecimal.valueOf(20_000), USD, AnswerValue.Money.Period.YEAR);
        assertThat(Scorer.score(DEMO, answers(budget))).isEqualTo(new Scorer.Score(100, true));
    }

    @Test
    void monthlyBudgets_countPerYear() {
        var monthly = new AnswerValue.Money(BigDecimal.valueOf(900), USD, AnswerValue.Money.Period.MONTH);
        assertThat(Scorer.score(DEMO, answers(monthly)).qualified()).isTrue();
    }

    @Test
    void missingARequiredCriterion_disqualifiesDespiteTheScore() {
        var small = new AnswerValue.Money(BigDecimal.valueOf(5_000), USD, AnswerValue.Money.Period.YEAR);
        assertThat(Scorer.score(DEMO, answers(small))).isEqualTo(new Scorer.Score(70, false));
    }

    @Test
    void anotherCurrency_neverMeetsAThreshold() {
        var euros = new AnswerValue.Money(BigDecimal.valueOf(90_000), Currency.getInstance("EUR"), AnswerValue.Money.Period.YEAR);
        assertThat(Scorer.score(DEMO, answers(euros)).qualified()).isFalse();
    }

    @Test
    void noAnswers_scoreZero() {
        assertThat(Scorer.score(DEMO, Map.of())).isEqualTo(new Scorer.Score(0, false));
    }
}
