-- Ratify HTTP binding (SPEC 13). Portable SQL for SQLite and PostgreSQL; times are epoch seconds
-- where the protocol speaks in seconds.

-- Challenges this server issued. A row is deleted when its challenge is consumed, so "exists and
-- unexpired" means "still presentable". The tenant is part of the key: a challenge issued to one
-- caller is unknown to every other.
CREATE TABLE ratify_challenges (
    challenge        VARCHAR(64)  NOT NULL PRIMARY KEY,
    workspace_id     VARCHAR(40)  NOT NULL,
    project_id       VARCHAR(40)  NOT NULL,
    session_context  VARCHAR(64)  NOT NULL,
    expires_at       BIGINT       NOT NULL
);

CREATE INDEX ratify_challenges_expiry ON ratify_challenges (expires_at);

-- The newest verified signed revocation list per (workspace, issuer). The document is stored as
-- received in canonical form so it can be served and re-verified byte for byte.
CREATE TABLE ratify_revocation_lists (
    workspace_id   VARCHAR(40)  NOT NULL,
    issuer_id      VARCHAR(32)  NOT NULL,
    updated_at     BIGINT       NOT NULL,
    document       TEXT         NOT NULL,
    stored_at      BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, issuer_id)
);

-- One row per revoked cert, so the verifier's revocation lookup is an indexed point query.
CREATE TABLE ratify_revoked_certs (
    workspace_id   VARCHAR(40)  NOT NULL,
    cert_id        VARCHAR(512) NOT NULL,
    issuer_id      VARCHAR(32)  NOT NULL,
    PRIMARY KEY (workspace_id, cert_id, issuer_id)
);
