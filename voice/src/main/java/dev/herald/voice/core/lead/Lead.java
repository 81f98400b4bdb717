package dev.herald.voice.core.lead;

import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A lead as the CRM holds it. The phone is the only required contact; the time zone is optional
 * because imports often lack it (the compliance gate then decides, see
 * {@code dev.herald.voice.core.compliance}). Custom fields keep the columns Herald has no field for, in
 * their original order.
 */
public record Lead(
        Optional<String> name,
        PhoneNumber phone,
        Optional<String> email,
        Optional<String> company,
        Optional<ZoneId> timeZone,
        Map<String, String> customFields,
        Consent consent,
        boolean doNotCall,
        LeadStatus status,
        Optional<String> owner) {

    public Lead {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(timeZone, "timeZone");
        customFields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(customFields)));
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(owner, "owner");
    }

    /** A new lead with just a phone number: no consent recorded, not on the do-not-call list. */
    public static Lead of(PhoneNumber phone) {
        return new Lead(Optional.empty(), phone, Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of(), Consent.UNKNOWN, false, LeadStatus.NEW, Optional.empty());
    }

    public Lead withTimeZone(ZoneId zone) {
        return new Lead(name, phone, email, company, Optional.of(zone), customFields, consent, doNotCall, status, owner);
    }

    public Lead withConsent(Consent newConsent) {
        return new Lead(name, phone, email, company, timeZone, customFields, newConsent, doNotCall, status, owner);
    }

    public Lead withDoNotCall(boolean dnc) {
        return new Lead(name, phone, email, company, timeZone, customFields, consent, dnc,
                dnc ? LeadStatus.DO_NOT_CALL : status, owner);
    }

    public Lead withName(String newName) {
        return new Lead(Optional.of(newName), phone, email, company, timeZone, customFields, consent, doNotCall, status, owner);
    }

    public Lead withCompany(String newCompany) {
        return new Lead(name, phone, email, Optional.of(newCompany), timeZone, customFields, consent, doNotCall, status, owner);
    }
}
