-- Webhook delivery (Standard Webhooks). Portable SQL for SQLite and PostgreSQL; times are epoch
-- milliseconds.

-- A receiver. Secrets are stored encrypted (AES-GCM under the install's secret key), never in
-- clear: the dispatcher needs the secret itself to compute HMACs, so a hash would not do. While a
-- rotated-away secret is in its grace period it is kept too and deliveries carry both signatures.
-- platform_id set: the endpoint is a voice platform's callback and receives that platform's events
-- and workspace-wide ones.
CREATE TABLE webhook_endpoints (
    id                     VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id           VARCHAR(40)   NOT NULL,
    platform_id            VARCHAR(40),
    url                    VARCHAR(2000) NOT NULL,
    description            VARCHAR(200),
    event_types            VARCHAR(2000) NOT NULL,
    status                 VARCHAR(20)   NOT NULL,
    disabled_reason        VARCHAR(200),
    secret_enc             TEXT          NOT NULL,
    previous_secret_enc    TEXT,
    previous_expires_at    BIGINT,
    created_at             BIGINT        NOT NULL,
    updated_at             BIGINT        NOT NULL
);

CREATE INDEX webhook_endpoints_workspace ON webhook_endpoints (workspace_id);

-- The transactional outbox: one row per (event, endpoint), inserted in the same transaction as the
-- state change it reports. id is the Standard Webhooks message id (webhook-id), stable across
-- retries and manual redelivery. attempts counts every attempt; run_attempts counts the attempts
-- of the current retry run (a manual redelivery starts a new run). A node claims a due row by setting lease_owner/lease_until with a
-- conditional UPDATE, so two nodes never send the same attempt.
CREATE TABLE webhook_deliveries (
    id               VARCHAR(40)  NOT NULL PRIMARY KEY,
    workspace_id     VARCHAR(40)  NOT NULL,
    endpoint_id      VARCHAR(40)  NOT NULL REFERENCES webhook_endpoints (id),
    event_type       VARCHAR(100) NOT NULL,
    payload          TEXT         NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    attempts         INTEGER      NOT NULL,
    run_attempts     INTEGER      NOT NULL,
    manual_pending   INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT       NOT NULL,
    lease_owner      VARCHAR(60),
    lease_until      BIGINT,
    last_status_code INTEGER,
    last_error       VARCHAR(500),
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    completed_at     BIGINT
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (workspace_id, endpoint_id, id);

-- Every HTTP attempt, for the delivery log.
CREATE TABLE webhook_attempts (
    delivery_id   VARCHAR(40)  NOT NULL REFERENCES webhook_deliveries (id),
    attempt_no    INTEGER      NOT NULL,
    attempted_at  BIGINT       NOT NULL,
    status_code   INTEGER,
    error         VARCHAR(500),
    duration_ms   BIGINT       NOT NULL,
    manual        INTEGER      NOT NULL,
    PRIMARY KEY (delivery_id, attempt_no)
);
