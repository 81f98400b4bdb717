package dev.herald.governance.realtime;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A registered sidecar public key of a project. {@code raw} is the raw public key (32 or 1952 bytes). */
public record SidecarKey(String projectId, String keyId, SidecarAlgorithm algorithm, byte[] raw, long createdAt,
                         Long retiredAt) {
    public SidecarKey {
        raw = raw.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    byte[] rawView() {
        return raw;
    }

    public boolean active() {
        return retiredAt == null;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key_id", keyId);
        m.put("project_id", projectId);
        m.put("algorithm", algorithm.wire());
        m.put("public_key", algorithm.wire() + ":" + Base64.getEncoder().encodeToString(raw));
        m.put("status", active() ? "active" : "retired");
        m.put("created_at", Instant.ofEpochMilli(createdAt).toString());
        m.put("retired_at", retiredAt == null ? null : Instant.ofEpochMilli(retiredAt).toString());
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SidecarKey k && k.projectId.equals(projectId) && k.keyId.equals(keyId)
                && Arrays.equals(k.raw, raw);
    }

    @Override
    public int hashCode() {
        return projectId.hashCode() * 31 + keyId.hashCode();
    }
}
