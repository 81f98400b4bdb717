package dev.herald.ratify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A verifier-signed record that one proof bundle was verified with one decision at one moment
 * (SPEC 17.5). Receipts chain: {@code prevHash} is {@link VerificationReceipts#receiptHash} of the
 * previous receipt, or 32 zero bytes for the first one. Issue and check with
 * {@link VerificationReceipts}; encode and decode with {@link RatifyJson}.
 *
 * @param decision the verdict's {@code identity_status}, verbatim
 * @param errorReason null when the verdict had none (empty strings are normalised to null)
 * @param grantedScope kept sorted (the signable form sorts it anyway)
 * @param humanId null when the verdict named none
 * @param agentId null when the verdict named none
 * @param verifierId the derived id of {@code verifierPub}
 * @param signature null only for a receipt that has not been signed yet
 */
public record VerificationReceipt(
        int version,
        Bytes bundleHash,
        IdentityStatus decision,
        String errorReason,
        List<String> grantedScope,
        String humanId,
        String agentId,
        Bytes prevHash,
        long verifiedAt,
        String verifierId,
        HybridPublicKey verifierPub,
        HybridSignature signature) {

    public VerificationReceipt {
        Objects.requireNonNull(bundleHash, "bundleHash");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(verifierId, "verifierId");
        Objects.requireNonNull(verifierPub, "verifierPub");
        errorReason = emptyToNull(errorReason);
        humanId = emptyToNull(humanId);
        agentId = emptyToNull(agentId);
        List<String> sorted = new ArrayList<>(grantedScope == null ? List.of() : grantedScope);
        sorted.sort(dev.herald.ratify.internal.CanonicalJson::compareKeys);
        grantedScope = List.copyOf(sorted);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** This receipt with {@code sig} as its signature. */
    public VerificationReceipt withSignature(HybridSignature sig) {
        return new VerificationReceipt(version, bundleHash, decision, errorReason, grantedScope,
                humanId, agentId, prevHash, verifiedAt, verifierId, verifierPub, sig);
    }
}
