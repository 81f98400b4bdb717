package dev.herald.voice.crm;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.herald.voice.core.call.FollowUpReason;
import dev.herald.voice.core.lead.Lead;
import dev.herald.voice.core.lead.RowError;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The CRM's answers on the wire: snake_case, RFC 3339 UTC times, absent values as null. */
final class LeadJson {
    private LeadJson() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LeadView(String id, String name, String phone, String email, String company, String timeZone,
                    Map<String, String> customFields, String consent, boolean doNotCall, String status, String owner,
                    int verdictCount, LastVerdictView lastVerdict, String createdAt, String updatedAt) {
        static LeadView of(StoredLead s) {
            Lead l = s.lead();
            return new LeadView(s.id(), l.name().orElse(null), l.phone().e164(), l.email().orElse(null),
                    l.company().orElse(null), l.timeZone().map(ZoneId::getId).orElse(null), l.customFields(),
                    l.consent().wire(), l.doNotCall(), l.status().wire(), l.owner().orElse(null), s.verdictCount(),
                    s.lastVerdict().map(LastVerdictView::of).orElse(null), s.createdAt().toString(),
                    s.updatedAt().toString());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LastVerdictView(String callId, String outcome, boolean qualified, int score, String sessionId,
                           String chainHeadHash, String at) {
        static LastVerdictView of(StoredLead.LastVerdict v) {
            return new LastVerdictView(v.callId(), v.outcome().wire(), v.qualified(), v.score(), v.sessionId(),
                    v.chainHeadHash(), v.at().toString());
        }
    }

    /** One lead with its verdict history, newest first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LeadDetail(@JsonUnwrapped LeadView lead, List<VerdictView> verdicts) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MeetingView(String start, String end, String timeZone) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VerdictView(String callId, String outcome, boolean qualified, int score, JsonNode answers,
                       MeetingView meeting, List<String> followUpReasons, String summary, String sessionId,
                       String chainHeadHash, String at) {
        static VerdictView of(LeadVerdict v) {
            return new VerdictView(v.callId(), v.outcome().wire(), v.qualified(), v.score(), v.answers(),
                    v.meeting().map(m -> new MeetingView(m.start().toString(), m.end().toString(), m.zone().getId()))
                            .orElse(null),
                    v.followUps().stream().map(FollowUpReason::wire).toList(), v.summary(), v.sessionId(),
                    v.chainHeadHash(), v.at().toString());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RowErrorView(int row, String field, String reason, String detail) {
        static RowErrorView of(RowError e) {
            return new RowErrorView(e.row(), e.field(), e.reason().wire(), e.detail());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ImportView(int rowsRead, int imported, int rejected, int skipped, List<RowErrorView> errors,
                      List<String> leadIds) {
        static ImportView of(LeadImports.Report r) {
            return new ImportView(r.rowsRead(), r.imported(), r.rejected(), r.skipped(),
                    r.errors().stream().map(RowErrorView::of).toList(), r.leadIds());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Deleted(String id, boolean deleted) {
    }
}
