package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.call.MeetingSlot;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which of the offered slots the callee picked: by position, weekday or hour; or none of them. */
final class SlotChoice {
    sealed interface Pick {
        record Slot(int index) implements Pick {}

        record Neither() implements Pick {}

        record Unclear() implements Pick {}
    }

    private static final Pattern NEITHER = Pattern.compile(
            "\\b(neither|none of (those|them|these)|no(ne)? of those|don't work|doesn't work|can't do (either|those)|"
                    + "not (great|good) for me|busy then|won't work)\\b");
    private static final Pattern ANY = Pattern.compile(
            "\\b(either|any of|whichever|both work|both are fine|any works|sounds good|that works|works for me|sure|yes|yeah|perfect|great)\\b");
    private static final Pattern HOUR = Pattern.compile("\\b(\\d{1,2})(?::(\\d\\d))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?");

    private SlotChoice() {}

    static Pick pick(String utterance, List<MeetingSlot> offered) {
        String lower = Intents.normalize(utterance);
        if (NEITHER.matcher(lower).find()) {
            return new Pick.Neither();
        }
        Optional<Integer> ordinal = ordinal(lower, offered.size());
        if (ordinal.isPresent()) {
            return new Pick.Slot(ordinal.get());
        }
        for (int i = 0; i < offered.size(); i++) {
            ZonedDateTime local = offered.get(i).start().atZone(offered.get(i).zone());
            String day = local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US).toLowerCase(Locale.ROOT);
            if (lower.contains(day) && uniqueDay(offered, day)) {
                return new Pick.Slot(i);
            }
        }
        Matcher hour = HOUR.matcher(lower);
        while (hour.find()) {
            int h = Integer.parseInt(hour.group(1));
            for (int i = 0; i < offered.size(); i++) {
                int slotHour = offered.get(i).start().atZone(offered.get(i).zone()).getHour();
                if (h == slotHour || h + 12 == slotHour || (h == 12 && slotHour == 12)) {
                    return new Pick.Slot(i);
                }
            }
        }
        if (ANY.matcher(lower).find()) {
            return new Pick.Slot(0);
        }
        return new Pick.Unclear();
    }

    private static Optional<Integer> ordinal(String lower, int size) {
        String[][] words = {
            {"first", "1st", "the earlier", "earlier one", "the former", "option one", "number one"},
            {"second", "2nd", "the later", "later one", "the latter", "option two", "number two", "the other one"},
            {"third", "3rd", "last one", "option three", "number three"},
        };
        for (int i = 0; i < Math.min(size, words.length); i++) {
            for (String w : words[i]) {
                if (Pattern.compile("\\b" + Pattern.quote(w) + "\\b").matcher(lower).find()) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean uniqueDay(List<MeetingSlot> offered, String day) {
        return offered.stream().filter(s -> s.start().atZone(s.zone()).getDayOfWeek()
                .getDisplayName(TextStyle.FULL, Locale.US).toLowerCase(Locale.ROOT).equals(day)).count() == 1;
    }
}
