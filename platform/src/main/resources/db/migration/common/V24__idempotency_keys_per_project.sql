-- Idempotency keys belong to the caller's project (project and platform keys) or to the
-- workspace (admin keys), no longer to the whole workspace: two projects may use the same key
-- without seeing each other's answers. The primary key cannot be altered on SQLite, so the table
-- is rebuilt. Rows written before this change cannot be attributed to a project; they keep the
-- workspace scope, so only admin-key retries of those writes still replay.
CREATE TABLE idempotency_records_scoped (
    workspace_id     VARCHAR(40)  NOT NULL,
    scope            VARCHAR(60)  NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    fingerprint      VARCHAR(64)  NOT NULL,
    status_code      INTEGER      NOT NULL,
    content_type     VARCHAR(100),
    body             TEXT,
    created_at       BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, scope, idempotency_key)
);

INSERT INTO idempotency_records_scoped (workspace_id, scope, idempotency_key, fingerprint, status_code,
                                        content_type, body, created_at)
SELECT workspace_id, 'workspace', idempotency_key, fingerprint, status_code, content_type, body, created_at
FROM idempotency_records;

DROP TABLE idempotency_records;

ALTER TABLE idempotency_records_scoped RENAME TO idempotency_records;
