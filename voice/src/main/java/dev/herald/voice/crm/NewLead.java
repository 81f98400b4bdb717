package dev.herald.voice.crm;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.voice.core.lead.LeadField;
import java.util.EnumMap;
import java.util.Map;

/**
 * One lead as a client sends it ({@code POST /api/v1/crm/leads}): text as an import cell would hold
 * it, checked by the import's own rules. Only {@code phone} is required.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewLead(String name, String phone, String email, String company, String timeZone,
                      Map<String, String> customFields, String consent, Boolean doNotCall, String status,
                      String owner) {

    /** The fields by import field, absent ones left out. */
    Map<LeadField, String> fields() {
        Map<LeadField, String> f = new EnumMap<>(LeadField.class);
        put(f, LeadField.NAME, name);
        put(f, LeadField.PHONE, phone);
        put(f, LeadField.EMAIL, email);
        put(f, LeadField.COMPANY, company);
        put(f, LeadField.TIME_ZONE, timeZone);
        put(f, LeadField.CONSENT, consent);
        put(f, LeadField.DO_NOT_CALL, doNotCall == null ? null : doNotCall.toString());
        put(f, LeadField.STATUS, status);
        put(f, LeadField.OWNER, owner);
        return f;
    }

    private static void put(Map<LeadField, String> f, LeadField field, String value) {
        if (value != null) {
            f.put(field, value);
        }
    }
}
