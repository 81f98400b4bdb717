-- A calendar's secret feed token (package dev.herald.voice.calendar): calendar apps subscribe to
-- feed.ics?token=... without an API key. Only the token's SHA-256 (hex) is kept; null: no feed.
ALTER TABLE voice_calendars ADD COLUMN feed_token_hash VARCHAR(64);
ALTER TABLE voice_calendars ADD COLUMN feed_token_created_at BIGINT;
