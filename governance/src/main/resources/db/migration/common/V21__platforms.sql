-- Voice platforms registered with a workspace (Ratify "Voice" surface). Portable SQL; times are
-- epoch milliseconds. The platform's API key lives in api_keys (hashed); its webhook secret lives
-- on its webhook endpoint (encrypted); its signing secret is encrypted here because Herald must
-- recompute HMACs with it.
CREATE TABLE platforms (
    id                   VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id         VARCHAR(40)   NOT NULL,
    project_id           VARCHAR(40)   NOT NULL,
    surface              VARCHAR(20)   NOT NULL,
    name                 VARCHAR(100)  NOT NULL,
    callback_url         VARCHAR(2000) NOT NULL,
    status               VARCHAR(20)   NOT NULL,
    api_key_id           VARCHAR(40)   NOT NULL,
    endpoint_id          VARCHAR(40)   NOT NULL,
    signing_secret_enc   TEXT          NOT NULL,
    voice_policy         TEXT,
    policy_approved_by   VARCHAR(40),
    policy_approved_at   BIGINT,
    created_at           BIGINT        NOT NULL,
    updated_at           BIGINT        NOT NULL,
    UNIQUE (workspace_id, name)
);
