package dev.herald.voice.core.lead;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a {@link RawRow} field by field, collecting every error of the row rather than the first. */
final class RowMapper {
    static final int MAX_TEXT = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_CUSTOM_FIELDS = 50;
    static final int MAX_CUSTOM_KEY = 64;
    static final int MAX_CUSTOM_VALUE = 1000;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}");
    private static final Map<String, ZoneId> ZONES = new HashMap<>();

    static {
        for (String id : ZoneId.getAvailableZoneIds()) {
            // Only IANA region names (Area/Location, plus UTC); fixed offsets and
            // three-letter abbreviations are ambiguous about daylight saving time.
            if (id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/") || id.equals("UTC")) {
                ZONES.put(id.toLowerCase(Locale.ROOT), ZoneId.of(id));
            }
        }
    }

    /** The mapped lead, or the row's errors (never both). */
    sealed interface Mapped {
        record Ok(Lead lead) implements Mapped {}

        record Failed(List<RowError> errors) implements Mapped {}
    }

    private RowMapper() {}

    static Mapped map(RawRow raw) {
        if (raw.errors().stream().anyMatch(e -> e.field().equals("row"))) {
            return new Mapped.Failed(raw.errors()); // the fields of a broken row mean nothing
        }
        List<RowError> errors = new ArrayList<>(raw.errors());
        int row = raw.row();
        PhoneNumber phone = null;
        String rawPhone = value(raw, LeadField.PHONE);
        if (rawPhone.isEmpty()) {
            errors.add(new RowError(row, "phone", RowErrorReason.REQUIRED, "a phone number is required"));
        } else {
            switch (PhoneNumbers.parse(rawPhone)) {
                case PhoneNumbers.Result.Valid v -> phone = v.number();
                case PhoneNumbers.Result.Invalid i ->
                        errors.add(new RowError(row, "phone", RowErrorReason.INVALID_PHONE, i.reason().wire()));
            }
        }
        Optional<String> name = text(raw, LeadField.NAME, MAX_TEXT, errors);
        if (name.isEmpty()) {
            String joined = (value(raw, LeadField.FIRST_NAME) + " " + value(raw, LeadField.LAST_NAME)).strip();
            name = joined.isEmpty() ? Optional.empty() : checkLength(row, "name", joined, MAX_TEXT, errors);
        }
        Optional<String> email = text(raw, LeadField.EMAIL, MAX_EMAIL, errors);
        if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
            errors.add(new RowError(row, "email", RowErrorReason.INVALID_EMAIL, "not an email address"));
        }
        Optional<String> company = text(raw, LeadField.COMPANY, MAX_TEXT, errors);
        Optional<String> owner = text(raw, LeadField.OWNER, MAX_TEXT, errors);
        Optional<ZoneId> zone = Optional.empty();
        String rawZone = value(raw, LeadField.TIME_ZONE);
        if (!rawZone.isEmpty()) {
            zone = Optional.ofNullable(ZONES.get(rawZone.toLowerCase(Locale.ROOT)));
            if (zone.isEmpty()) {
                errors.add(new RowError(row, "time_zone", RowErrorReason.INVALID_TIME_ZONE,
                        "not an IANA time zone name such as America/New_York"));
            }
        }
        Consent consent = consent(row, value(raw, LeadField.CONSENT), errors);
        boolean doNotCall = bool(row, "do_not_call", value(raw, LeadField.DO_NOT_CALL), errors);
        LeadStatus status = LeadStatus.NEW;
        String rawStatus = value(raw, LeadField.STATUS);
        if (!rawStatus.isEmpty()) {
            Optional<LeadStatus> parsed = LeadStatus.fromWire(LeadField.normalize(rawStatus));
            if (parsed.isEmpty()) {
                errors.add(new RowError(row, "status", RowErrorReason.INVALID_STATUS, "unknown status"));
            } else {
                status = parsed.get();
            }
        }
        if (doNotCall) {
            status = LeadStatus.DO_NOT_CALL;
        }
        Map<String, String> custom = custom(raw, errors);
        if (!errors.isEmpty()) {
            return new Mapped.Failed(errors);
        }
        return new Mapped.Ok(new Lead(name, phone, email, company, zone, custom, consent, doNotCall, status, owner));
    }

    private static String value(RawRow raw, LeadField field) {
        String v = raw.fields().get(field);
        return v == null ? "" : v.strip();
    }

    private static Optional<String> text(RawRow raw, LeadField field, int max, List<RowError> errors) {
        String v = value(raw, field);
        return v.isEmpty() ? Optional.empty() : checkLength(raw.row(), field.wire(), v, max, errors);
    }

    private static Optional<String> checkLength(int row, String field, String v, int max, List<RowError> errors) {
        if (v.length() > max) {
            errors.add(new RowError(row, field, RowErrorReason.TOO_LONG, "longer than " + max + " characters"));
            return Optional.empty();
        }
        return Optional.of(v);
    }

    private static Map<String, String> custom(RawRow raw, List<RowError> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.custom().entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue().strip();
            if (v.isEmpty()) {
                continue;
            }
            String field = "custom_fields." + e.getKey();
            if (e.getKey().length() > MAX_CUSTOM_KEY) {
                errors.add(new RowError(raw.row(), field, RowErrorReason.TOO_LONG, "key longer than " + MAX_CUSTOM_KEY));
            } else if (v.length() > MAX_CUSTOM_VALUE) {
                errors.add(new RowError(raw.row(), field, RowErrorReason.TOO_LONG, "longer than " + MAX_CUSTOM_VALUE));
            } else {
                out.put(e.getKey(), v);
            }
        }
        if (out.size() > MAX_CUSTOM_FIELDS) {
            errors.add(new RowError(raw.row(), "custom_fields", RowErrorReason.TOO_MANY_CUSTOM_FIELDS,
                    "at most " + MAX_CUSTOM_FIELDS + " custom fields"));
        }
        return out;
    }

    private static Consent consent(int row, String v, List<RowError> errors) {
        String s = v.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "", "unknown" -> Consent.UNKNOWN;
            case "granted", "given", "opted_in", "opt_in", "true", "yes", "y", "1" -> Consent.GRANTED;
            case "denied", "refused", "opted_out", "opt_out", "false", "no", "n", "0" -> Consent.DENIED;
            default -> {
                errors.add(new RowError(row, "consent", RowErrorReason.INVALID_CONSENT,
                        "expected granted, denied, unknown or a yes/no value"));
                yield Consent.UNKNOWN;
            }
        };
    }

    private static boolean bool(int row, String field, String v, List<RowError> errors) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "", "false", "no", "n", "0", "f" -> false;
            case "true", "yes", "y", "1", "t" -> true;
            default -> {
                errors.add(new RowError(row, field, RowErrorReason.INVALID_BOOLEAN, "expected true/false, yes/no or 1/0"));
                yield false;
            }
        };
    }
}
