package dev.herald.governance.identity;

import dev.herald.ratify.Bytes;
import dev.herald.ratify.ChallengeStore;
import dev.herald.platform.store.Database;

/**
 * Ratify challenge issuance records in the database, so single use holds across processes and
 * restarts. Consumption is one conditional {@code DELETE}: of any number of racing presentations,
 * on any node, exactly one sees a deleted row. Records are scoped to the caller that asked for
 * the challenge ({@link #forTenant}).
 */
public final class ChallengeRecords {
    private final Database db;

    public ChallengeRecords(Database db) {
        this.db = db;
    }

    /** The store view for one workspace/project; a challenge issued to another tenant is unknown here. */
    public ChallengeStore forTenant(String workspaceId, String projectId) {
        return new TenantStore(workspaceId, projectId == null ? "" : projectId);
    }

    /** Drops records that expired before {@code nowEpochSeconds}; returns how many. */
    public int purgeExpired(long nowEpochSeconds) {
        return db.write(h -> h.createUpdate("DELETE FROM ratify_challenges WHERE expires_at < :now")
                .bind("now", nowEpochSeconds).execute());
    }

    private static String binding(Bytes sessionContext) {
        return sessionContext == null || sessionContext.isEmpty() ? "" : sessionContext.toHex();
    }

    private final class TenantStore implements ChallengeStore {
        private final String workspaceId;
        private final String projectId;

        TenantStore(String workspaceId, String projectId) {
            this.workspaceId = workspaceId;
            this.projectId = projectId;
        }

        @Override
        public void issue(Bytes challenge, Bytes sessionContext, long expiresAt) {
            db.write(h -> h.createUpdate("""
                    INSERT INTO ratify_challenges (challenge, workspace_id, project_id, session_context, expires_at)
                    VALUES (:challenge, :workspace, :project, :binding, :expires)""")
                    .bind("challenge", challenge.toHex())
                    .bind("workspace", workspaceId)
                    .bind("project", projectId)
                    .bind("binding", binding(sessionContext))
                    .bind("expires", expiresAt)
                    .execute());
        }

        @Override
        public boolean validate(Bytes challenge, Bytes sessionContext, long now) {
            return db.read(h -> h.createQuery("""
                    SELECT COUNT(*) FROM ratify_challenges
                    WHERE challenge = :challenge AND workspace_id = :workspace AND project_id = :project
                      AND session_context = :binding AND expires_at >= :now""")
                    .bind("challenge", challenge.toHex())
                    .bind("workspace", workspaceId)
                    .bind("project", projectId)
                    .bind("binding", binding(sessionContext))
                    .bind("now", now)
                    .mapTo(Integer.class).one()) == 1;
        }

        @Override
        public boolean consume(Bytes challenge, Bytes sessionContext, long now) {
            return db.write(h -> h.createUpdate("""
                    DELETE FROM ratify_challenges
                    WHERE challenge = :challenge AND workspace_id = :workspace AND project_id = :project
                      AND session_context = :binding AND expires_at >= :now""")
                    .bind("challenge", challenge.toHex())
                    .bind("workspace", workspaceId)
                    .bind("project", projectId)
                    .bind("binding", binding(sessionContext))
                    .bind("now", now)
                    .execute()) == 1;
        }
    }
}
