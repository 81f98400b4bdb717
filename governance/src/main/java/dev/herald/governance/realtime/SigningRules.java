package dev.herald.governance.realtime;

import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What a project requires of the signatures on its atoms and interruption events: its active
 * sidecar keys by key id, and its {@code atom_signatures} mode ({@code enforce} rejects an
 * unverifiable atom, {@code record} keeps it marked unverified).
 */
record SigningRules(Map<String, SidecarKey> keys, String mode) {
    static SigningRules read(Handle h, SidecarKeyService keys, ProjectSettings settings, String projectId) {
        return new SigningRules(keys.active(h, projectId), settings.atomSignatures(h, projectId));
    }

    boolean enforce() {
        return ProjectSettings.ENFORCE.equals(mode);
    }
}
