package dev.herald.voice.crm;

import dev.herald.platform.domain.Conflict;
import dev.herald.platform.store.Database;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Herald's own store as a {@link CrmConnector}: what a workspace without an external CRM uses, and
 * the reference for the connector contract. Upserting a lead Herald already holds by phone is a
 * patch of its fields; pushing a verdict already recorded (the usual case, since the call's own
 * transaction records it) changes nothing.
 */
public final class HeraldCrm implements CrmConnector {
    private final Database db;
    private final LeadService leads;

    public HeraldCrm(Database db, LeadService leads) {
        this.db = db;
        this.leads = leads;
    }

    @Override
    public String name() {
        return "herald";
    }

    @Override
    public void upsertLead(String workspaceId, StoredLead lead) {
        db.write(h -> {
            java.util.Optional<StoredLead> existing = leads.findByPhone(h, workspaceId, lead.lead().phone().e164());
            if (existing.isEmpty()) {
                leads.insert(h, workspaceId, lead.lead());
            } else {
                leads.update(h, workspaceId, existing.get().id(), fields(lead));
            }
            return null;
        });
    }

    private static Map<String, String> fields(StoredLead stored) {
        var lead = stored.lead();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", lead.name().orElse(""));
        f.put("email", lead.email().orElse(""));
        f.put("company", lead.company().orElse(""));
        f.put("time_zone", lead.timeZone().map(java.time.ZoneId::getId).orElse(""));
        f.put("consent", lead.consent().wire());
        f.put("do_not_call", Boolean.toString(lead.doNotCall()));
        f.put("status", lead.status().wire());
        f.put("owner", lead.owner().orElse(""));
        f.put("custom_fields", "");
        lead.customFields().forEach((k, v) -> f.put("custom_fields." + k, v));
        return f;
    }

    @Override
    public void pushVerdict(String workspaceId, StoredLead lead, LeadVerdict verdict) {
        db.write(h -> {
            try {
                leads.recordVerdict(h, workspaceId, lead.id(), verdict);
            } catch (Conflict alreadyRecorded) {
                // At least once: the verdict is there already, which is what a repeat must leave.
            }
            return null;
        });
    }
}
