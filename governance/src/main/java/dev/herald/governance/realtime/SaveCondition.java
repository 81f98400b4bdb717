package dev.herald.governance.realtime;

import java.util.function.Consumer;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A boolean SQL expression that a turn's guarded save requires of the database as it writes (see
 * {@link TurnGate#checkFromKnown}), with the bindings of its parameters. The gate that names it
 * owns the tables it reads; its parameter names start with the gate's own prefix, never with
 * {@code ledger_}, and must not clash with another gate's. Folded into the save's own statement,
 * it costs no round trip of its own.
 */
public record SaveCondition(String sql, Consumer<SqlStatement<?>> bindings) {
    public SaveCondition {
        if (sql.contains(":ledger_")) {
            throw new IllegalArgumentException("parameter names starting with ledger_ are the ledger's own");
        }
    }
}
