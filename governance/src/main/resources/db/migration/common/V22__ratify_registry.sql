-- The Ratify registry: public parts only (no private key ever reaches Herald). Portable SQL;
-- times are epoch seconds where the protocol speaks in seconds.

-- Principals (human roots), addressed by the id of their CURRENT key (SPEC 13.1): a key rotation
-- moves the row to the new id and appends the statement to rotations (a JSON array, oldest first).
CREATE TABLE registry_principals (
    workspace_id  VARCHAR(40)  NOT NULL,
    human_id      VARCHAR(32)  NOT NULL,
    public_key    TEXT         NOT NULL,
    anchor        TEXT,
    rotations     TEXT         NOT NULL,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    removed_at    BIGINT,
    PRIMARY KEY (workspace_id, human_id)
);

-- Ids a principal was rotated away from: they never resolve again and cannot be re-registered.
CREATE TABLE registry_retired_ids (
    workspace_id  VARCHAR(40)  NOT NULL,
    human_id      VARCHAR(32)  NOT NULL,
    successor_id  VARCHAR(32)  NOT NULL,
    PRIMARY KEY (workspace_id, human_id)
);

CREATE TABLE registry_agents (
    workspace_id  VARCHAR(40)  NOT NULL,
    agent_id      VARCHAR(32)  NOT NULL,
    public_key    TEXT         NOT NULL,
    name          VARCHAR(256) NOT NULL,
    agent_type    VARCHAR(100) NOT NULL,
    created_at    BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, agent_id)
);

-- Delegation certs as signed (canonical JSON), verified before they are stored.
CREATE TABLE registry_delegations (
    workspace_id  VARCHAR(40)  NOT NULL,
    cert_id       VARCHAR(512) NOT NULL,
    issuer_id     VARCHAR(32)  NOT NULL,
    subject_id    VARCHAR(32)  NOT NULL,
    scope         TEXT         NOT NULL,
    issued_at     BIGINT       NOT NULL,
    expires_at    BIGINT       NOT NULL,
    document      TEXT         NOT NULL,
    PRIMARY KEY (workspace_id, cert_id)
);

CREATE INDEX registry_delegations_subject ON registry_delegations (workspace_id, subject_id);

-- Revocation push state per issuer (SPEC 5.11): the highest seq_no applied, and whether a gap was
-- seen (then a full signed list is needed before the state is trusted as complete again).
CREATE TABLE ratify_push_state (
    workspace_id     VARCHAR(40)  NOT NULL,
    issuer_id        VARCHAR(32)  NOT NULL,
    last_seq_no      BIGINT       NOT NULL,
    needs_full_list  INTEGER      NOT NULL,
    updated_at       BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, issuer_id)
);
