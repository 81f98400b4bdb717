package dev.herald.voice.core.qualifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the callee means beyond an answer: stop calling me, not interested, hold on, who is this,
 * what do you mean, go on, I don't know, a voicemail greeting, or a question for the agent. Plain
 * phrase patterns over the lower-cased utterance; no model.
 */
public final class Intents {
    /** The intents, checked in this order by the agent. */
    public enum Kind { DO_NOT_CALL, NOT_INTERESTED, VOICEMAIL, IDENTITY, CLARIFY, HOLD, GO_ON }

    private static final Pattern DO_NOT_CALL = Pattern.compile(
            "\\b(do not call|don't call|dont call|stop calling|take me off|remove me|remove my number|off your list|"
                    + "never call|no more calls|lose my number|do-not-call|dnc list)\\b");
    private static final Pattern NOT_INTERESTED = Pattern.compile(
            "\\b(not interested|no interest|not for us|we're all set|we are all set|not looking for|not in the market)\\b");
    private static final Pattern VOICEMAIL = Pattern.compile(
            "\\b(leave (a|your) message|after the (tone|beep)|not available to take your call|can't come to the phone|"
                    + "you've reached|you have reached|voicemail|voice mail)\\b");
    private static final Pattern IDENTITY = Pattern.compile(
            "\\b(who is this|who's this|who are you|who's calling|who is calling|are you a (robot|bot|machine|computer|real person|human)|"
                    + "are you (real|human|an ai|ai)|is this (a robot|a recording|ai|an ai|automated)|real person)\\b");
    private static final Pattern CLARIFY = Pattern.compile(
            "\\b(what do you mean|pardon|come again|say that again|repeat that|repeat the question|didn't catch|"
                    + "did not catch|what was that|i don't understand|could you rephrase|what was the question)\\b|^(sorry|what)\\?$");
    private static final Pattern HOLD = Pattern.compile(
            "\\b(hold on|one sec|one second|just a sec|give me a sec|give me a second|hang on|one moment|just a moment|bear with me)\\b");
    private static final Pattern GO_ON = Pattern.compile(
            "^(sorry,? )?(go on|go ahead|carry on|continue|keep going|please continue|sorry,? go on)[.!]?$");
    private static final Pattern UNSURE = Pattern.compile(
            "\\b(don't know|do not know|not sure|no idea|can't say|cannot say|hard to say|no clue|unsure|i'd have to check|"
                    + "couldn't tell you|could not tell you)\\b");
    private static final Pattern QUESTION_START = Pattern.compile(
            "^(what|how|does|do|can|is|are|will|which|why|where|when|could|would)\\b");

    private Intents() {}

    public static List<Kind> of(String utterance) {
        String lower = normalize(utterance);
        List<Kind> kinds = new ArrayList<>();
        addIf(kinds, Kind.DO_NOT_CALL, DO_NOT_CALL, lower);
        addIf(kinds, Kind.NOT_INTERESTED, NOT_INTERESTED, lower);
        addIf(kinds, Kind.VOICEMAIL, VOICEMAIL, lower);
        addIf(kinds, Kind.IDENTITY, IDENTITY, lower);
        addIf(kinds, Kind.CLARIFY, CLARIFY, lower);
        addIf(kinds, Kind.HOLD, HOLD, lower);
        addIf(kinds, Kind.GO_ON, GO_ON, lower);
        return kinds;
    }

    /** The "I don't know" part of an utterance, if any. */
    public static Optional<String> unsure(String utterance) {
        var m = UNSURE.matcher(normalize(utterance));
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /**
     * The sentences that ask the agent something ("Does it work with Salesforce?"), leaving out
     * requests to repeat or to say who is calling, which are intents of their own.
     */
    public static List<String> questions(String utterance) {
        List<String> out = new ArrayList<>();
        for (String sentence : sentences(utterance)) {
            String lower = normalize(sentence);
            if (sentence.strip().endsWith("?") && QUESTION_START.matcher(lower).find()
                    && !CLARIFY.matcher(lower).find() && !IDENTITY.matcher(lower).find()) {
                out.add(sentence.strip());
            }
        }
        return out;
    }

    /** The utterance without its questions to the agent: the part that may hold an answer. */
    public static String statements(String utterance) {
        List<String> asked = questions(utterance);
        StringBuilder out = new StringBuilder();
        for (String sentence : sentences(utterance)) {
            if (!asked.contains(sentence.strip())) {
                out.append(sentence.strip()).append(' ');
            }
        }
        return out.toString().strip();
    }

    /** The utterance with hold, repeat, identity and go-on phrases cut out, so they are not read as answers. */
    public static String withoutIntents(String utterance) {
        String lower = normalize(utterance);
        for (Pattern p : List.of(HOLD, CLARIFY, IDENTITY, GO_ON)) {
            lower = p.matcher(lower).replaceAll(" ");
        }
        return lower.replaceAll("\\s+", " ").strip();
    }

    static List<String> sentences(String utterance) {
        List<String> out = new ArrayList<>();
        for (String s : utterance.split("(?<=[.?!])\\s+")) {
            if (!s.isBlank()) {
                out.add(s);
            }
        }
        return out;
    }

    static String normalize(String utterance) {
        return utterance.strip().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    }

    private static void addIf(List<Kind> kinds, Kind kind, Pattern pattern, String lower) {
        if (pattern.matcher(lower).find()) {
            kinds.add(kind);
        }
    }
}
