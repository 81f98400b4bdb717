package dev.herald.ratify;

import java.util.Objects;

/** One entry of a hash-chained witness log (SPEC 5.12). Genesis uses 32 zero bytes. */
public record WitnessEntry(Bytes prevHash, Bytes entryData, long timestamp, String witnessId,
        HybridSignature signature) {
    public WitnessEntry {
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(entryData, "entryData");
        Objects.requireNonNull(witnessId, "witnessId");
        Objects.requireNonNull(signature, "signature");
    }

    public byte[] signableBytes() {
        return SignableBytes.witnessEntry(this);
    }
}
