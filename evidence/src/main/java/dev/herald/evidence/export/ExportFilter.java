package dev.herald.evidence.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.evidence.artifact.ArtifactFormat;
import dev.herald.evidence.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which sessions and events a {@code full_audit} export holds. Empty id sets mean "all"; the time
 * range is half-open, {@code [from, to)}, on each event's {@code occurred_at}. An event is
 * selected when it matches every given criterion; a session is included when its id matches and,
 * if any event criterion is given, at least one of its events is selected.
 */
public record ExportFilter(Set<String> sessionIds, Set<String> requestIds, Optional<Instant> from, Optional<Instant> to) {
    public ExportFilter {
        sessionIds = Set.copyOf(sessionIds);
        requestIds = Set.copyOf(requestIds);
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("export time range must have from < to");
        }
    }

    public static ExportFilter all() {
        return new ExportFilter(Set.of(), Set.of(), Optional.empty(), Optional.empty());
    }

    public boolean hasEventCriteria() {
        return !requestIds.isEmpty() || from.isPresent() || to.isPresent();
    }

    public boolean matchesSession(String sessionId) {
        return sessionIds.isEmpty() || sessionIds.contains(sessionId);
    }

    public boolean matchesEvent(JsonNode entry) {
        if (!requestIds.isEmpty()) {
            JsonNode requestId = entry.get("request_id");
            if (requestId == null || !requestId.isTextual() || !requestIds.contains(requestId.textValue())) {
                return false;
            }
        }
        if (from.isPresent() || to.isPresent()) {
            Instant at = occurredAt(entry);
            if (at == null || (from.isPresent() && at.isBefore(from.get())) || (to.isPresent() && !at.isBefore(to.get()))) {
                return false;
            }
        }
        return true;
    }

    private static Instant occurredAt(JsonNode entry) {
        JsonNode text = entry.get("occurred_at");
        if (text == null || !text.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(text.textValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        new TreeSet<>(sessionIds).forEach(node.putArray("session_ids")::add);
        new TreeSet<>(requestIds).forEach(node.putArray("request_ids")::add);
        if (from.isPresent()) {
            node.put("from", ArtifactFormat.instant(from.get()));
        } else {
            node.putNull("from");
        }
        if (to.isPresent()) {
            node.put("to", ArtifactFormat.instant(to.get()));
        } else {
            node.putNull("to");
        }
        return node;
    }

    /** Reads what {@link #toJson} wrote; empty when malformed. */
    public static Optional<ExportFilter> fromJson(JsonNode node) {
        try {
            Set<String> sessions = new TreeSet<>();
            Set<String> requests = new TreeSet<>();
            if (!node.path("session_ids").isArray() || !node.path("request_ids").isArray()) {
                return Optional.empty();
            }
            for (JsonNode s : node.get("session_ids")) {
                if (!s.isTextual()) {
                    return Optional.empty();
                }
                sessions.add(s.textValue());
            }
            for (JsonNode r : node.get("request_ids")) {
                if (!r.isTextual()) {
                    return Optional.empty();
                }
                requests.add(r.textValue());
            }
            Optional<Instant> from = node.path("from").isTextual() ? Optional.of(Instant.parse(node.get("from").textValue())) : Optional.empty();
            Optional<Instant> to = node.path("to").isTextual() ? Optional.of(Instant.parse(node.get("to").textValue())) : Optional.empty();
            return Optional.of(new ExportFilter(sessions, requests, from, to));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
