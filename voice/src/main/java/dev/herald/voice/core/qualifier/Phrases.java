package dev.herald.voice.core.qualifier;

import dev.herald.voice.core.call.AnswerValue;
import dev.herald.voice.core.call.MeetingSlot;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The agent's own lines, and how values read aloud and in summaries. English only for now. */
final class Phrases {
    private static final List<String> ACKS = List.of("Got it.", "Thanks.", "Great, thank you.", "Understood.", "Perfect.");
    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h:mm a", Locale.US);

    private Phrases() {}

    static String ack(int questionIndex) {
        return ACKS.get(questionIndex % ACKS.size());
    }

    static String slot(MeetingSlot slot) {
        ZonedDateTime local = slot.start().atZone(slot.zone());
        return SLOT.format(local) + " " + slot.zone().getId().replace('_', ' ');
    }

    static String slots(List<MeetingSlot> slots) {
        if (slots.size() == 1) {
            return slot(slots.getFirst());
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < slots.size(); i++) {
            out.append(i == 0 ? "" : i == slots.size() - 1 ? " or " : ", ").append(slot(slots.get(i)));
        }
        return out.toString();
    }

    static String value(AnswerValue value) {
        return switch (value) {
            case AnswerValue.Number n -> n.value().toPlainString();
            case AnswerValue.Money m -> amount(m.amount()) + " " + m.currency().getCurrencyCode()
                    + switch (m.period()) {
                        case MONTH -> " per month";
                        case YEAR -> " per year";
                        case TOTAL -> "";
                    };
            case AnswerValue.YesNo y -> y.yes() ? "yes" : "no";
            case AnswerValue.Timeframe t -> "by " + t.by() + " (" + t.daysFromCall() + " days)";
            case AnswerValue.NoTimeframe n -> "no timeline";
            case AnswerValue.Choice c -> c.option().replace('_', ' ');
            case AnswerValue.Text t -> "\"" + t.text() + "\"";
            case AnswerValue.Unknown u -> "unknown";
        };
    }

    private static String amount(BigDecimal amount) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        format.setMaximumFractionDigits(2);
        return format.format(amount);
    }
}
