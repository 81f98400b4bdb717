package dev.herald.voice.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.voice.core.call.CallOutcome;
import dev.herald.voice.core.lead.Consent;
import dev.herald.voice.core.lead.Lead;
import dev.herald.voice.core.lead.LeadStatus;
import dev.herald.voice.core.lead.PhoneNumber;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The SQL of {@code crm_leads}: columns, the row mapper and (batched) inserts. */
final class LeadRows {
    static final String COLUMNS = "SELECT id, workspace_id, name, phone, email, company, time_zone, custom_fields, "
            + "consent, do_not_call, status, owner, verdict_count, last_call_id, last_outcome, last_qualified, "
            + "last_score, last_session_id, last_chain_head_hash, last_verdict_at, created_at, updated_at FROM crm_leads ";
    private static final String INSERT = """
            INSERT INTO crm_leads (id, workspace_id, name, phone, email, company, time_zone, custom_fields, consent,
                do_not_call, status, owner, verdict_count, created_at, updated_at)
            VALUES (:id, :ws, :name, :phone, :email, :company, :zone, :custom, :consent, :dnc, :status, :owner, 0,
                :now, :now)""";
    /** Rows per JDBC batch: large enough to amortize round trips, small enough to bound one statement. */
    static final int BATCH = 500;
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    LeadRows(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    StoredLead map(ResultSet rs) throws SQLException {
        String zone = rs.getString("time_zone");
        Lead lead = new Lead(Optional.ofNullable(rs.getString("name")), new PhoneNumber(rs.getString("phone")),
                Optional.ofNullable(rs.getString("email")), Optional.ofNullable(rs.getString("company")),
                Optional.ofNullable(zone).map(ZoneId::of), readMap(rs.getString("custom_fields")),
                consent(rs.getString("consent")), rs.getInt("do_not_call") == 1,
                LeadStatus.fromWire(rs.getString("status")).orElseThrow(), Optional.ofNullable(rs.getString("owner")));
        Optional<StoredLead.LastVerdict> last = Optional.empty();
        String callId = rs.getString("last_call_id");
        if (callId != null) {
            last = Optional.of(new StoredLead.LastVerdict(callId,
                    CallOutcome.fromWire(rs.getString("last_outcome")).orElseThrow(), rs.getInt("last_qualified") == 1,
                    rs.getInt("last_score"), rs.getString("last_session_id"), rs.getString("last_chain_head_hash"),
                    Instant.ofEpochMilli(rs.getLong("last_verdict_at"))));
        }
        return new StoredLead(rs.getString("id"), rs.getString("workspace_id"), lead, rs.getInt("verdict_count"), last,
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    static Consent consent(String wire) {
        return Arrays.stream(Consent.values()).filter(c -> c.wire().equals(wire)).findFirst().orElseThrow();
    }

    void insert(Handle h, String workspaceId, String id, Lead lead, long now) {
        bind(h.createUpdate(INSERT), workspaceId, id, lead, now).execute();
    }

    /** Inserts every lead in batches of {@link #BATCH}; {@code ids} and {@code leads} line up. */
    void insertAll(Handle h, String workspaceId, List<String> ids, List<Lead> leads, long now) {
        for (int from = 0; from < leads.size(); from += BATCH) {
            PreparedBatch batch = h.prepareBatch(INSERT);
            for (int i = from; i < Math.min(leads.size(), from + BATCH); i++) {
                bind(batch, workspaceId, ids.get(i), leads.get(i), now).add();
            }
            batch.execute();
        }
    }

    private <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(S s, String workspaceId, String id, Lead lead,
                                                                           long now) {
        return s.bind("id", id).bind("ws", workspaceId).bind("name", lead.name().orElse(null))
                .bind("phone", lead.phone().e164()).bind("email", lead.email().orElse(null))
                .bind("company", lead.company().orElse(null))
                .bind("zone", lead.timeZone().map(ZoneId::getId).orElse(null))
                .bind("custom", writeMap(lead.customFields())).bind("consent", lead.consent().wire())
                .bind("dnc", lead.doNotCall() ? 1 : 0).bind("status", lead.status().wire())
                .bind("owner", lead.owner().orElse(null)).bind("now", now);
    }

    /** Replaces the lead's own fields (never its phone, id or verdicts). */
    void update(Handle h, String workspaceId, String id, Lead lead, long now) {
        h.createUpdate("""
                        UPDATE crm_leads SET name = :name, email = :email, company = :company, time_zone = :zone,
                            custom_fields = :custom, consent = :consent, do_not_call = :dnc, status = :status,
                            owner = :owner, updated_at = :now
                        WHERE workspace_id = :ws AND id = :id""")
                .bind("id", id).bind("ws", workspaceId).bind("name", lead.name().orElse(null))
                .bind("email", lead.email().orElse(null)).bind("company", lead.company().orElse(null))
                .bind("zone", lead.timeZone().map(ZoneId::getId).orElse(null))
                .bind("custom", writeMap(lead.customFields())).bind("consent", lead.consent().wire())
                .bind("dnc", lead.doNotCall() ? 1 : 0).bind("status", lead.status().wire())
                .bind("owner", lead.owner().orElse(null)).bind("now", now).execute();
    }

    String writeMap(Map<String, String> map) {
        try {
            return mapper.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("custom fields not serializable", e);
        }
    }

    Map<String, String> readMap(String json) {
        try {
            return mapper.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored custom fields are not a JSON object of strings", e);
        }
    }
}
