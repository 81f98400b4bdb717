package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A session's budget envelope on the wire: {@code total_micros} and {@code remaining_micros} are
 * null (written as null) for a session without one.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Budget(Long totalMicros, long usedMicros, Long remainingMicros) {

    /** The envelope of {@code row} after reserving {@code reserved} more micros. */
    static Budget of(SessionRow row, long reserved) {
        long used = row.budgetUsedMicros() + reserved;
        return row.hasBudget()
                ? new Budget(row.budgetTotalMicros(), used, Math.max(0, row.budgetTotalMicros() - used))
                : new Budget(null, used, null);
    }
}
