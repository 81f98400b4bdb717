package dev.herald.governance.realtime;

import java.util.Arrays;

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
