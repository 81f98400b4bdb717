package dev.herald.voice.core.lead;

import java.util.Objects;

/** A row that passed every check, with the row number it came from. */
public record ImportedLead(int row, Lead lead) {
    public ImportedLead {
        Objects.requireNonNull(lead, "lead");
    }
}
