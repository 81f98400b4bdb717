-- The Ratify identities of voice agents (package dev.herald.voice.agents owns the table). One row per
-- workspace root (profile_id = '') and one per profile's agent. Private key seeds are sealed with the
-- install's SecretBox (the row's ids are the associated data); the agent's delegation cert from the
-- workspace root is kept as its Ratify wire JSON and re-issued when the profile's tools change.
CREATE TABLE voice_agent_identities (
    workspace_id     VARCHAR(40)   NOT NULL,
    profile_id       VARCHAR(40)   NOT NULL,  -- '' for the workspace's root key
    key_id           VARCHAR(64)   NOT NULL,  -- the Ratify id derived from the public key
    public_key       TEXT          NOT NULL,  -- Ratify wire JSON of the hybrid public key
    sealed_seeds     TEXT          NOT NULL,  -- SecretBox-sealed key pair file
    scopes           VARCHAR(500)  NOT NULL,  -- space-separated scopes of the current cert ('' for a root)
    cert             TEXT,                    -- Ratify wire JSON of root -> agent (null for a root)
    created_at       BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, profile_id)
);
