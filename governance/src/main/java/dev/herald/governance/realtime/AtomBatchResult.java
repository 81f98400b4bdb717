package dev.herald.governance.realtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The answer to an atom batch: the counts, one result per atom in order, and the chain head after it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AtomBatchResult(String sessionId, String batchIdempotencyKey, String atomSignatures, int acceptedCount,
                              int duplicateCount, int rejectedCount, List<AtomResult> results, ChainHead chainHead) {
    public AtomBatchResult {
        results = List.copyOf(results);
    }

    /** The session's chain head once the batch is in. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ChainHead(String contentHash, long eventCount) {
    }

    /** One atom's result: {@code accepted}, {@code duplicate} or {@code rejected}. */
    public sealed interface AtomResult permits Accepted, Duplicate, Rejected {
        int index();

        String status();
    }

    /**
     * Appended at {@code sequence}. {@code reason} says why its signatures did not verify (record
     * mode only); {@code policyFlag} names a policy violation it raised. Both absent otherwise.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accepted(int index, String idempotencyKey, String status, long sequence, String eventHash,
                           String eventType, String signatureStatus, String reason, String policyFlag)
            implements AtomResult {
        static Accepted of(Atom atom, SessionLedger.Entry entry, AtomSignatures.Result verdict, String policyFlag) {
            return new Accepted(atom.index(), atom.idempotencyKey(), "accepted", entry.sequence(), entry.contentHash(),
                    entry.eventType(), verdict.verified() ? "verified" : "unverified", verdict.reason(), policyFlag);
        }
    }

    /** The same idempotency key as an atom already in the chain, at {@code sequence}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Duplicate(int index, String idempotencyKey, String status, long sequence, String eventHash)
            implements AtomResult {
        static Duplicate of(Atom atom, long sequence, String eventHash) {
            return new Duplicate(atom.index(), atom.idempotencyKey(), "duplicate", sequence, eventHash);
        }
    }

    /** Not appended, for {@code reason} ({@code <code>: <detail>}, see {@link AtomRejection}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rejected(int index, String idempotencyKey, String status, String reason) implements AtomResult {
        static Rejected of(Atom atom, AtomRejection.Reason reason) {
            return new Rejected(atom.index(), atom.idempotencyKey(), "rejected", reason.wire());
        }
    }
}
