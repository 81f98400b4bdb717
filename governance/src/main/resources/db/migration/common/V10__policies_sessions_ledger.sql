-- Issue 4: policies, realtime sessions, the session ledger and the project ledger.
-- Portable SQL for SQLite and PostgreSQL; times are epoch milliseconds; money is integer micros.

-- A policy is a named, versioned JSON rule document of one project. Only the current version of an
-- active policy takes part in new decisions; sessions keep the snapshot taken when they started.
CREATE TABLE policies (
    id               VARCHAR(40)  NOT NULL PRIMARY KEY,
    workspace_id     VARCHAR(40)  NOT NULL,
    project_id       VARCHAR(40)  NOT NULL,
    name             VARCHAR(100) NOT NULL,
    current_version  INTEGER      NOT NULL,
    active           INTEGER      NOT NULL,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL
);

CREATE INDEX policies_project ON policies (project_id, id);

CREATE TABLE policy_versions (
    policy_id    VARCHAR(40) NOT NULL,
    version      INTEGER     NOT NULL,
    document     TEXT        NOT NULL,
    created_at   BIGINT      NOT NULL,
    PRIMARY KEY (policy_id, version)
);

-- Per-project settings of the realtime surface.
CREATE TABLE project_settings (
    project_id       VARCHAR(40) NOT NULL PRIMARY KEY,
    workspace_id     VARCHAR(40) NOT NULL,
    atom_signatures  VARCHAR(20) NOT NULL,
    updated_at       BIGINT      NOT NULL
);

-- Public keys of a project's voice sidecars; atom signatures name them by key_id.
CREATE TABLE sidecar_keys (
    project_id    VARCHAR(40)  NOT NULL,
    key_id        VARCHAR(100) NOT NULL,
    workspace_id  VARCHAR(40)  NOT NULL,
    algorithm     VARCHAR(20)  NOT NULL,
    public_key    TEXT         NOT NULL,
    created_at    BIGINT       NOT NULL,
    retired_at    BIGINT,
    PRIMARY KEY (project_id, key_id)
);

-- A realtime session. The row is the session's lock: every append to its chain reads and updates
-- next_seq / head_hash / last_occurred_at while holding it, inside one transaction.
CREATE TABLE realtime_sessions (
    id                   VARCHAR(40)  NOT NULL PRIMARY KEY,
    workspace_id         VARCHAR(40)  NOT NULL,
    project_id           VARCHAR(40)  NOT NULL,
    idempotency_key      VARCHAR(255) NOT NULL,
    fingerprint          VARCHAR(64)  NOT NULL,
    start_response       TEXT         NOT NULL,
    status               VARCHAR(10)  NOT NULL,
    permit_id            VARCHAR(40)  NOT NULL,
    snapshot_id          VARCHAR(40)  NOT NULL,
    snapshot_hash        VARCHAR(64)  NOT NULL,
    snapshot             TEXT         NOT NULL,
    permit               TEXT         NOT NULL,
    provider             VARCHAR(100) NOT NULL,
    model                VARCHAR(200) NOT NULL,
    operation            VARCHAR(100) NOT NULL,
    metadata             TEXT         NOT NULL,
    budget_total_micros  BIGINT       NOT NULL,
    budget_used_micros   BIGINT       NOT NULL,
    input_tokens         BIGINT       NOT NULL,
    output_tokens        BIGINT       NOT NULL,
    turn_count           INTEGER      NOT NULL,
    allowed_turns        INTEGER      NOT NULL,
    denied_turns         INTEGER      NOT NULL,
    atom_count           BIGINT       NOT NULL,
    next_seq             BIGINT       NOT NULL,
    head_hash            VARCHAR(80)  NOT NULL,
    last_occurred_at     BIGINT       NOT NULL,
    disclosure_seen      INTEGER      NOT NULL,
    consent_seen         INTEGER      NOT NULL,
    pending_violation    VARCHAR(60),
    started_at           BIGINT       NOT NULL,
    ended_at             BIGINT,
    failure_reason       VARCHAR(500),
    end_usage            TEXT,
    attestation          TEXT,
    UNIQUE (project_id, idempotency_key)
);

-- The session's hash chain: one row per entry, (session_id, seq) unique so no two writers can
-- ever hold the same position, and seq is allocated from the locked session row (no gaps).
CREATE TABLE session_events (
    session_id     VARCHAR(40)  NOT NULL,
    seq            BIGINT       NOT NULL,
    event_id       VARCHAR(40)  NOT NULL,
    event_type     VARCHAR(100) NOT NULL,
    attributes     TEXT         NOT NULL,
    payload        TEXT         NOT NULL,
    content_hash   VARCHAR(80)  NOT NULL,
    occurred_at    BIGINT       NOT NULL,
    PRIMARY KEY (session_id, seq)
);

-- Atom idempotency keys per session: a second atom with the same key is a duplicate.
CREATE TABLE session_atoms (
    session_id       VARCHAR(40)  NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    seq              BIGINT       NOT NULL,
    event_hash       VARCHAR(80)  NOT NULL,
    PRIMARY KEY (session_id, idempotency_key)
);

-- Event batches per session: a replayed batch key answers the stored results.
CREATE TABLE atom_batches (
    session_id    VARCHAR(40)  NOT NULL,
    batch_key     VARCHAR(255) NOT NULL,
    fingerprint   VARCHAR(64)  NOT NULL,
    response      TEXT         NOT NULL,
    created_at    BIGINT       NOT NULL,
    PRIMARY KEY (session_id, batch_key)
);

-- Child permits issued for tool calls inside a session.
CREATE TABLE tool_call_permits (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    session_id    VARCHAR(40)  NOT NULL,
    call_id       VARCHAR(255) NOT NULL,
    seq           BIGINT       NOT NULL,
    document      TEXT         NOT NULL,
    created_at    BIGINT       NOT NULL,
    UNIQUE (session_id, call_id)
);

-- The project ledger: one linear chain per project whose entries close sessions. The head row is
-- locked (SELECT ... FOR UPDATE on PostgreSQL, the write lock on SQLite) while appending.
CREATE TABLE project_ledger_heads (
    project_id    VARCHAR(40)  NOT NULL PRIMARY KEY,
    next_seq      BIGINT       NOT NULL,
    head_hash     VARCHAR(80)  NOT NULL
);

CREATE TABLE project_ledger (
    project_id        VARCHAR(40)  NOT NULL,
    seq               BIGINT       NOT NULL,
    event_id          VARCHAR(100) NOT NULL,
    event_type        VARCHAR(100) NOT NULL,
    session_id        VARCHAR(40)  NOT NULL,
    previous_hash     VARCHAR(80)  NOT NULL,
    content_hash      VARCHAR(80)  NOT NULL,
    body              TEXT         NOT NULL,
    created_at        BIGINT       NOT NULL,
    PRIMARY KEY (project_id, seq)
);
