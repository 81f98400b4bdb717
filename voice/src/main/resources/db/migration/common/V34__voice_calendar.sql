-- The built-in calendar of the voice module (package dev.herald.voice.calendar owns both tables).
-- Portable SQL; times are epoch milliseconds.
CREATE TABLE voice_calendars (
    id               VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id     VARCHAR(40)   NOT NULL,
    name             VARCHAR(100)  NOT NULL,
    time_zone        VARCHAR(64)   NOT NULL,  -- IANA region id
    working_hours    TEXT          NOT NULL,  -- JSON {"monday": [{"start": "09:00", "end": "17:00"}], ...}
    slot_minutes     INTEGER       NOT NULL,
    buffer_minutes   INTEGER       NOT NULL,
    default_for      VARCHAR(40),             -- the workspace id on its default calendar, else null
    bookings_version BIGINT        NOT NULL DEFAULT 0,  -- bumped by every booking change: the lock bookers queue on
    created_at       BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL
);
CREATE INDEX voice_calendars_by_workspace ON voice_calendars (workspace_id, id);
-- One default calendar per workspace, even when two first uses race (nulls are distinct).
CREATE UNIQUE INDEX voice_calendars_one_default ON voice_calendars (default_for);

-- A booked meeting. No two live bookings of a calendar overlap (buffer included): checked while
-- holding the calendar row's lock (an UPDATE of bookings_version), and two live bookings can never
-- share a start (live_start is start_at while booked and null once cancelled).
CREATE TABLE voice_bookings (
    id              VARCHAR(40)   NOT NULL PRIMARY KEY,
    workspace_id    VARCHAR(40)   NOT NULL,
    calendar_id     VARCHAR(40)   NOT NULL REFERENCES voice_calendars (id),
    start_at        BIGINT        NOT NULL,
    end_at          BIGINT        NOT NULL,
    live_start      BIGINT,
    time_zone       VARCHAR(64)   NOT NULL,   -- the zone the slot was offered in
    status          VARCHAR(16)   NOT NULL,   -- booked | cancelled
    lead_id         VARCHAR(40),
    title           VARCHAR(200)  NOT NULL,
    attendee_name   VARCHAR(200),
    attendee_email  VARCHAR(254),
    notes           VARCHAR(2000),
    sequence        INTEGER       NOT NULL DEFAULT 0,  -- the iCalendar SEQUENCE: 1 once cancelled
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL
);
CREATE UNIQUE INDEX voice_bookings_one_per_start ON voice_bookings (calendar_id, live_start);
CREATE INDEX voice_bookings_by_calendar ON voice_bookings (calendar_id, status, start_at);
CREATE INDEX voice_bookings_by_workspace ON voice_bookings (workspace_id, calendar_id, id);
