package dev.herald.voice.core.profile;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profile a fresh install starts with: the {@code qualify_for_demo} objective of the seed's
 * Voice Lead Qualifier, on the simulated provider, every tool enabled.
 */
public final class DefaultProfiles {
    public static final String QUALIFY_FOR_DEMO = "qualify_for_demo";

    private DefaultProfiles() {}

    public static VoiceProfile demoQualifier() {
        Map<String, List<String>> tools = new LinkedHashMap<>();
        tools.put("spreadsheets", List.of("spreadsheet", "excel", "google sheets", "sheets"));
        tools.put("hubspot", List.of("hub spot"));
        tools.put("salesforce", List.of("sales force", "sfdc"));
        tools.put("nothing", List.of("nothing yet", "no tool", "nothing really", "we don't use anything", "none"));
        List<Question> questions = List.of(
                new Question("decision_maker", "Are you the person who decides on tools like this for your team?",
                        "I mean: would you sign off on buying it, yes or no?", new AnswerRule.YesNoRule()),
                new Question("team_size", "How many people are on the team that would use it?",
                        "Roughly how many people, as a number?",
                        new AnswerRule.NumberRule(Optional.of(BigDecimal.ONE), Optional.of(BigDecimal.valueOf(1_000_000)))),
                new Question("budget", "What budget have you set aside for this per year?",
                        "Roughly how much could you spend in a year, for example 20 thousand dollars?",
                        new AnswerRule.MoneyRule(Currency.getInstance("USD"))),
                new Question("timeline", "When would you want to have something in place?",
                        "Is that within the next month, the next quarter, or later?", new AnswerRule.TimeframeRule()),
                new Question("current_tool", "What do you use for this today?",
                        "For example spreadsheets, HubSpot, Salesforce, or nothing yet?", new AnswerRule.ChoiceRule(tools)));
        List<Criterion> criteria = List.of(
                new Criterion("decision_maker", new Condition.Is(true), 20, false),
                new Criterion("team_size", new Condition.AtLeast(BigDecimal.TEN), 20, false),
                new Criterion("budget", new Condition.AtLeast(BigDecimal.valueOf(10_000)), 30, true),
                new Criterion("timeline", new Condition.WithinDays(120), 20, false),
                new Criterion("current_tool", new Condition.Answered(), 10, false));
        Objective objective = new Objective(QUALIFY_FOR_DEMO, questions, criteria, 70, 2,
                Optional.of(Duration.ofMinutes(30)));
        return ProfileVersions.create(new VoiceProfile("Demo qualifier", 1, "Riley",
                "You qualify inbound and outbound leads for a product demo. Be brief, friendly and honest.",
                "alloy", "en-US",
                "Hi {lead_name}, this is {agent_name} calling from Herald.",
                "I'm an AI assistant, and this call is handled by an automated system.",
                "May I record this call so my colleagues can review it?",
                List.of(objective), EnumSet.allOf(Tool.class), Provider.SIMULATED, TurnDetection.DEFAULT));
    }
}
