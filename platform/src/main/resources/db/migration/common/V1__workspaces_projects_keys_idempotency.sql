-- Portable SQL: this file runs unchanged on SQLite and PostgreSQL. Times are epoch milliseconds.

CREATE TABLE workspaces (
    id          VARCHAR(40)  NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL UNIQUE,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE projects (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(40)  NOT NULL REFERENCES workspaces (id),
    name          VARCHAR(100) NOT NULL,
    created_at    BIGINT       NOT NULL,
    UNIQUE (workspace_id, name)
);

-- Only a SHA-256 of the whole key is stored; lookup is a short random prefix of the secret part.
CREATE TABLE api_keys (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(40)  NOT NULL REFERENCES workspaces (id),
    project_id    VARCHAR(40)  REFERENCES projects (id),
    scopes        VARCHAR(400) NOT NULL,
    lookup        VARCHAR(32)  NOT NULL UNIQUE,
    secret_hash   VARCHAR(64)  NOT NULL,
    name          VARCHAR(100),
    created_at    BIGINT       NOT NULL,
    revoked_at    BIGINT
);

CREATE INDEX api_keys_workspace ON api_keys (workspace_id);

-- One row per (workspace, Idempotency-Key). Inserted first inside the write transaction, so a
-- concurrent request with the same key waits on the primary key and then replays.
CREATE TABLE idempotency_records (
    workspace_id     VARCHAR(40)  NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    fingerprint      VARCHAR(64)  NOT NULL,
    status_code      INTEGER      NOT NULL,
    content_type     VARCHAR(100),
    body             TEXT,
    created_at       BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, idempotency_key)
);
