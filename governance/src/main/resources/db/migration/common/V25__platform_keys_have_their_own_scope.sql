-- A voice platform's own API key gets the scope 'platform' (it was 'project'), so the key's kind
-- is known when it authenticates: a platform's key runs calls in its project but may not
-- configure the project, register platforms or mint keys.
UPDATE api_keys SET scopes = 'platform' WHERE id IN (SELECT api_key_id FROM platforms);
