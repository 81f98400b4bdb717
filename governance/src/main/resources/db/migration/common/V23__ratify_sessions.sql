-- Ratify authorization of realtime sessions (voice identity surface). Portable SQL; times are epoch
-- milliseconds unless named _s.

-- One row per session started by a voice platform or with a Ratify proof. The session secret (the
-- HMAC key of the session token, SPEC 5.13) is sealed with the install key so every node can check
-- tokens. last_stream_seq is advanced by compare-and-set inside the turn transaction.
CREATE TABLE ratify_sessions (
    session_id          VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id        VARCHAR(40)   NOT NULL,
    project_id          VARCHAR(40)   NOT NULL,
    platform_id         VARCHAR(40),
    verifier_id         VARCHAR(100)  NOT NULL,
    human_id            VARCHAR(32),
    agent_id            VARCHAR(32),
    granted_scope       TEXT,
    chain               TEXT,
    session_secret_enc  TEXT,
    token_valid_until_s BIGINT,
    stream_id           VARCHAR(64),
    last_stream_seq     BIGINT        NOT NULL,
    revoked_at          BIGINT,
    revoked_cert        VARCHAR(512),
    created_at          BIGINT        NOT NULL
);

-- Which certs each authorized session rests on, so a revocation finds the live sessions it cuts off.
CREATE TABLE ratify_session_certs (
    workspace_id  VARCHAR(40)   NOT NULL,
    cert_id       VARCHAR(512)  NOT NULL,
    session_id    VARCHAR(40)   NOT NULL,
    PRIMARY KEY (workspace_id, cert_id, session_id)
);
