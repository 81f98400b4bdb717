package dev.herald.voice.crm;

import dev.herald.platform.http.FieldCheck;
import dev.herald.voice.core.lead.LeadStatus;
import dev.herald.voice.core.lead.PhoneNumbers;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What narrows a lead list, every part optional: status, the do-not-call flag, one phone number
 * (any accepted spelling, matched in E.164) and {@code q}, a case-insensitive substring of name,
 * email or company (ASCII case folding on SQLite).
 */
public record LeadFilter(LeadStatus status, Boolean doNotCall, String phone, String query, String owner) {
    public static final LeadFilter NONE = new LeadFilter(null, null, null, null, null);
    static final int MAX_QUERY = 200;

    /** Parses the list's query parameters, naming each bad one in one {@code Invalid}. */
    public static LeadFilter parse(String status, String doNotCall, String phone, String query, String owner) {
        FieldCheck check = new FieldCheck();
        LeadStatus s = null;
        if (status != null) {
            s = LeadStatus.fromWire(status).orElse(null);
            if (s == null) {
                check.fail("status", "must be one of new, contacted, qualified, unqualified, meeting_booked, "
                        + "unreachable, do_not_call");
            }
        }
        Boolean dnc = null;
        if (doNotCall != null) {
            switch (doNotCall) {
                case "true" -> dnc = true;
                case "false" -> dnc = false;
                default -> check.fail("do_not_call", "must be true or false");
            }
        }
        String e164 = null;
        if (phone != null) {
            switch (PhoneNumbers.parse(phone)) {
                case PhoneNumbers.Result.Valid v -> e164 = v.number().e164();
                case PhoneNumbers.Result.Invalid i -> check.fail("phone", "invalid_phone: " + i.reason().wire());
            }
        }
        if (query != null && (query.isBlank() || query.length() > MAX_QUERY)) {
            check.fail("q", "must be 1 to " + MAX_QUERY + " characters");
        }
        if (owner != null && (owner.isBlank() || owner.length() > 200)) {
            check.fail("owner", "must be 1 to 200 characters");
        }
        check.throwIfAny();
        return new LeadFilter(s, dnc, e164, query, owner);
    }

    /** A SQL condition to append after {@code WHERE ...} (starting with {@code AND}) and its parameters. */
    record Sql(String clause, Map<String, Object> params) {
    }

    Sql sql() {
        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new LinkedHashMap<>();
        if (status != null) {
            where.append(" AND status = :f_status");
            params.put("f_status", status.wire());
        }
        if (doNotCall != null) {
            where.append(" AND do_not_call = :f_dnc");
            params.put("f_dnc", doNotCall ? 1 : 0);
        }
        if (phone != null) {
            where.append(" AND phone = :f_phone");
            params.put("f_phone", phone);
        }
        if (owner != null) {
            where.append(" AND owner = :f_owner");
            params.put("f_owner", owner);
        }
        if (query != null) {
            where.append(" AND (LOWER(name) LIKE :f_q ESCAPE '!' OR LOWER(email) LIKE :f_q ESCAPE '!'"
                    + " OR LOWER(company) LIKE :f_q ESCAPE '!')");
            String escaped = query.strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_");
            params.put("f_q", "%" + escaped + "%");
        }
        return new Sql(where.toString(), params);
    }
}
