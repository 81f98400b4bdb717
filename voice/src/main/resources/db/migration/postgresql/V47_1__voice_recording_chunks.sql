-- A recording's audio is kept in parts of at most 64 KiB, each written in a transaction of its own,
-- before its recording row names them (audio_key). One 1.4 MB write made every commit queued
-- behind it wait for 1.4 MB of WAL to reach the disk (tens of milliseconds on a slow disk), and
-- the turn decisions of live calls commit on that same WAL; a part adds at most a millisecond or
-- so. Rows written before this keep their audio in voice_recordings.bytes.
CREATE TABLE voice_recording_chunks (
    audio_key   VARCHAR(40)   NOT NULL,   -- voice_recordings.audio_key once the recording is kept
    part        INTEGER       NOT NULL,   -- 0, 1, 2... in the audio's order
    bytes       BYTEA         NOT NULL,
    created_at  BIGINT        NOT NULL,
    PRIMARY KEY (audio_key, part)
);
-- PCM audio does not compress: store it out of line as it is, without trying.
ALTER TABLE voice_recording_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;
-- Parts no row names (a node stopped between its parts and its row) are swept once old.
CREATE INDEX voice_recording_chunks_first_by_age ON voice_recording_chunks (created_at) WHERE part = 0;

ALTER TABLE voice_recordings ADD COLUMN audio_key VARCHAR(40);
CREATE INDEX voice_recordings_audio_key ON voice_recordings (audio_key);
