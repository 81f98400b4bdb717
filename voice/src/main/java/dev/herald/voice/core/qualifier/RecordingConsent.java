package dev.herald.voice.core.qualifier;

/** The callee's answer to the recording question. Only {@code GRANTED} allows recording. */
public enum RecordingConsent { GRANTED, DECLINED, NOT_ASKED }
