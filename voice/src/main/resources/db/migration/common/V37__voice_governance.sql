-- How each workspace's calls are governed (package dev.herald.voice.governed owns it): the project
-- `voice` whose policies govern the calls' realtime sessions, Herald's own Ed25519 sidecar key that
-- signs the calls' atoms (its seed sealed with the install's SecretBox, bound to this row), and the
-- workspace's voice policy in that project. Written once, on the workspace's first call.
CREATE TABLE voice_governance (
    workspace_id        VARCHAR(40)   NOT NULL PRIMARY KEY,
    project_id          VARCHAR(40)   NOT NULL,
    sidecar_key_id      VARCHAR(100)  NOT NULL,
    sealed_sidecar_seed TEXT          NOT NULL,
    policy_id           VARCHAR(40)   NOT NULL,
    created_at          BIGINT        NOT NULL
);
