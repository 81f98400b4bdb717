-- Delivery logs kept the socket's exception text (which told a tenant whether a port was open);
-- keep only the coarse failure class the dispatcher now records.
UPDATE webhook_attempts SET error = CASE
    WHEN error LIKE 'receiver answered 3%' THEN 'redirect'
    WHEN error LIKE 'receiver answered %' THEN NULL
    WHEN error LIKE 'timed out%' THEN 'timeout'
    WHEN error LIKE '%SSL%' OR error LIKE '%TLS%' OR error LIKE '%ertificate%' THEN 'tls_failed'
    ELSE 'connect_failed' END
WHERE error IS NOT NULL;

UPDATE webhook_deliveries SET last_error = CASE
    WHEN last_error LIKE 'receiver answered 3%' THEN 'redirect'
    WHEN last_error LIKE 'receiver answered %' THEN NULL
    WHEN last_error LIKE 'timed out%' THEN 'timeout'
    WHEN last_error LIKE '%SSL%' OR last_error LIKE '%TLS%' OR last_error LIKE '%ertificate%' THEN 'tls_failed'
    ELSE 'connect_failed' END
WHERE last_error IS NOT NULL;
