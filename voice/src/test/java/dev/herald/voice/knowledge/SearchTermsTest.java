package dev.herald.voice.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTermsTest {

    @Test
    void aSpokenQuestionKeepsItsContentWords() {
        assertThat(SearchTerms.of("So, what does the Premium plan cost per month?").terms())
                .containsExactly("premium", "plan", "cost", "per", "month");
    }

    @Test
    void querySyntaxBecomesQuotedWordsOrNothing() {
        SearchTerms t = SearchTerms.of("NEAR(\"pricing\" plan*) OR title:x AND NOT -y ^z");
        assertThat(t.terms()).containsExactly("pricing", "plan", "title");
        assertThat(t.fts5Query()).isEqualTo("\"pricing\" OR \"plan\" OR \"title\"");
        assertThat(t.tsQuery()).isEqualTo("'pricing' | 'plan' | 'title'");
        assertThat(SearchTerms.of("\" * : ( ) ' NEAR OR").isEmpty()).isTrue();
    }

    @Test
    void termsAreCappedAndDistinct() {
        assertThat(SearchTerms.of("plan plan PLAN").terms()).containsExactly("plan");
        assertThat(SearchTerms.of("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma")
                .terms()).hasSize(SearchTerms.MAX_TERMS);
    }

    @Test
    void aSpokenAnswerIsTheSentencesHoldingTheTerms() {
        String passage = "Welcome to our guide. The Team plan costs 400 dollars per month. It is billed yearly. "
                + "Support answers within a day.";
        assertThat(SpokenAnswer.from(passage, SearchTerms.of("how much is the team plan per month")))
                .isEqualTo("The Team plan costs 400 dollars per month.");
    }
}
