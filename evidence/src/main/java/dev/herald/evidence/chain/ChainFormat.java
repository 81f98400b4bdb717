package dev.herald.evidence.chain;

import dev.herald.evidence.json.Sha256;

/** Member names and constants of the session hash chain. */
public final class ChainFormat {
    public static final String ARTIFACT_SEQUENCE = "artifact_sequence";
    public static final String PREVIOUS_CONTENT_HASH = "previous_content_hash";
    public static final String CONTENT_HASH = "content_hash";
    public static final String PAYLOAD_MATERIALIZATION = "payload_materialization";
    public static final String CANONICALIZED_PAYLOAD_HASH = "canonicalized_payload_hash";
    public static final String CANONICALIZED_PAYLOAD = "canonicalized_payload";
    public static final String HASH_ONLY = "hash_only";

    /** Hash every chain starts from: SHA-256 over a fixed ASCII label. */
    public static final Sha256 GENESIS = Sha256.ofAscii("keel-voice-session-artifact-chain-genesis-v1");

    private ChainFormat() {}
}
