package dev.herald.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A call's verdict as the page shows it: qualified, score, each answer heard, the meeting, follow-ups. */
public record VerdictView(Boolean qualified, Integer score, List<Answer> answers, String meeting,
                          List<String> followUps) {

    /** One qualification question's answer: the value as words and what the caller said. */
    public record Answer(String question, String value, String heard) {
    }

    /** The verdict stored on a call ({@code CallView.verdict()}), or null when it has none. */
    static VerdictView of(JsonNode v) {
        if (v == null || !v.isObject()) {
            return null;
        }
        List<Answer> answers = new ArrayList<>();
        v.path("answers").fields().forEachRemaining(a -> answers.add(new Answer(Show.words(a.getKey()),
                value(a.getValue()), a.getValue().path("heard").asText(null))));
        JsonNode m = v.path("meeting");
        String meeting = m.isObject() ? m.path("start").asText() + " to " + m.path("end").asText() + " ("
                + m.path("time_zone").asText() + ")" : null;
        List<String> followUps = new ArrayList<>();
        v.path("follow_up_reasons").forEach(r -> followUps.add(Show.words(r.asText())));
        return new VerdictView(v.path("qualified").isBoolean() ? v.path("qualified").asBoolean() : null,
                v.path("score").isNumber() ? v.path("score").asInt() : null, answers, meeting, followUps);
    }

    private static String value(JsonNode a) {
        String type = a.path("type").asText();
        return switch (type) {
            case "money" -> a.path("value").asText() + " " + a.path("currency").asText() + " per "
                    + a.path("period").asText();
            case "yes_no" -> a.path("value").asBoolean() ? "yes" : "no";
            case "timeframe" -> "by " + a.path("value").asText();
            case "no_timeframe" -> "no timeframe";
            case "unknown" -> "not heard";
            default -> a.path("value").asText(Show.NONE);
        };
    }
}
