package dev.herald.voice.core.lead;

import java.util.List;

/**
 * What an import produced: the good rows (in file order), the errors (by row, then field) and the
 * number of data rows read (blank CSV lines not counted). A row with any error is left out whole;
 * a row is never half-imported.
 */
public record LeadImportResult(List<ImportedLead> accepted, List<RowError> errors, int rowsRead) {
    public LeadImportResult {
        accepted = List.copyOf(accepted);
        errors = List.copyOf(errors);
    }

    public int rejectedRows() {
        return (int) errors.stream().mapToInt(RowError::row).distinct().count();
    }
}
