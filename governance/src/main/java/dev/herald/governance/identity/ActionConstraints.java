package dev.herald.governance.identity;

import dev.herald.ratify.Constraint;
import dev.herald.ratify.DelegationCert;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Re-evaluates the chain's constraints that depend on the action rather than on the session:
 * {@code max_amount} (for a payment; the amount is given in minor units and compared in major
 * units of its ISO 4217 currency) and {@code time_window} (calling hours, at the time of each turn
 * or action). The other canonical constraints were evaluated by the full verification at session
 * start. Messages follow the Ratify {@code constraint_denied: ...} form.
 */
final class ActionConstraints {
    private ActionConstraints() {
    }

    /** A payment the action would make, or null. */
    record Payment(long amountMinor, String currency) {
    }

    /** The first violated constraint, as a Ratify-style reason, or empty when all hold. */
    static Optional<String> violation(List<DelegationCert> chain, Instant now, Payment payment) {
        for (DelegationCert cert : chain) {
            for (Constraint c : cert.constraints()) {
                Optional<String> v = switch (c) {
                    case Constraint.TimeWindow t -> timeWindow(t, now, cert.certId());
                    case Constraint.MaxAmount m -> payment == null ? Optional.empty() : amount(m, payment, cert.certId());
                    default -> Optional.empty();
                };
                if (v.isPresent()) {
                    return v;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> amount(Constraint.MaxAmount m, Payment p, String certId) {
        String currency = p.currency().toUpperCase(java.util.Locale.ROOT);
        if (!currency.equals(m.currency())) {
            return Optional.of("constraint_denied: cert " + certId + ": currency mismatch: requested \"" + currency
                    + "\", constraint \"" + m.currency() + "\"");
        }
        int digits;
        try {
            digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return Optional.of("constraint_denied: cert " + certId + ": unknown currency \"" + currency + "\"");
        }
        double major = p.amountMinor() / Math.pow(10, digits);
        if (major > m.maxAmount()) {
            return Optional.of(String.format(java.util.Locale.ROOT,
                    "constraint_denied: cert %s: amount %.2f %s exceeds max %.2f %s", certId, major, currency,
                    m.maxAmount(), m.currency()));
        }
        return Optional.empty();
    }

    private static Optional<String> timeWindow(Constraint.TimeWindow t, Instant now, String certId) {
        ZoneId zone;
        try {
            zone = ZoneId.of(t.tz());
        } catch (DateTimeException e) {
            return Optional.of("constraint_denied: cert " + certId + ": unknown timezone \"" + t.tz() + "\"");
        }
        int start = minutes(t.start());
        int end = minutes(t.end());
        if (start < 0 || end < 0) {
            return Optional.of("constraint_denied: cert " + certId + ": malformed time_window");
        }
        ZonedDateTime local = ZonedDateTime.ofInstant(now, zone);
        int cur = local.getHour() * 60 + local.getMinute();
        boolean outside = start <= end ? (cur < start || cur > end) : (cur < start && cur > end);
        if (outside) {
            return Optional.of(String.format(java.util.Locale.ROOT,
                    "constraint_denied: cert %s: current %02d:%02d outside [%s, %s] %s", certId, local.getHour(),
                    local.getMinute(), t.start(), t.end(), t.tz()));
        }
        return Optional.empty();
    }

    private static int minutes(String hhmm) {
        if (hhmm == null || !hhmm.matches("\\d\\d:\\d\\d")) {
            return -1;
        }
        int h = Integer.parseInt(hhmm.substring(0, 2));
        int m = Integer.parseInt(hhmm.substring(3));
        return h > 23 || m > 59 ? -1 : h * 60 + m;
    }
}
