package dev.herald.ratify;

import dev.herald.ratify.internal.Digests;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/**
 * Verification receipts (SPEC 17.5): bundle hash, issuance, verification and the chain pointer.
 * Stateless and thread-safe; the caller keeps the chain (the previous receipt's hash) and supplies
 * the time, so the library does no I/O and reads no clock.
 */
public final class VerificationReceipts {
    /** The {@code prev_hash} of a chain's first receipt: 32 zero bytes. */
    public static final Bytes GENESIS = Bytes.of(new byte[32]);

    private VerificationReceipts() {}

    /** Why a receipt was refused: a closed set, Herald's own codes (the spec fixes none). */
    public enum Defect {
        UNSUPPORTED_VERSION("receipt_unsupported_version"),
        MALFORMED("receipt_malformed"),
        VERIFIER_ID_MISMATCH("receipt_verifier_id_mismatch"),
        UNTRUSTED_VERIFIER("receipt_untrusted_verifier"),
        UNSIGNED("receipt_unsigned"),
        BAD_SIGNATURE("receipt_bad_signature"),
        BROKEN_CHAIN("receipt_broken_chain");

        private final String code;

        Defect(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A receipt failed verification; {@link #defect()} says why. */
    public static final class ReceiptException extends RatifyException {
        private final Defect defect;

        ReceiptException(Defect defect, String detail) {
            super(defect.code() + ": " + detail);
            this.defect = defect;
        }

        public Defect defect() {
            return defect;
        }
    }

    /** SHA-256 of the bundle's canonical JSON, absent optional fields at fixed values (SPEC 17.5). */
    public static Bytes bundleHash(ProofBundle bundle) {
        return Bytes.wrap(Digests.sha256(SignableBytes.bundleForHash(bundle)));
    }

    /** SHA-256 of a receipt's signable bytes: the next receipt's {@code prev_hash}. */
    public static Bytes receiptHash(VerificationReceipt receipt) {
        return Bytes.wrap(Digests.sha256(SignableBytes.verificationReceipt(receipt)));
    }

    /**
     * Signs a receipt of {@code result} for {@code bundle} with the verifier's hybrid key.
     *
     * @param prevHash the previous receipt's {@link #receiptHash}, or {@link #GENESIS}
     * @param random hedges the ML-DSA-65 signature; null signs deterministically
     */
    public static VerificationReceipt issue(ProofBundle bundle, VerifyResult result,
            HybridKeyPair verifierKey, Bytes prevHash, long verifiedAt, SecureRandom random) {
        return issue(bundleHash(bundle), result, verifierKey, prevHash, verifiedAt, random);
    }

    /** As {@link #issue(ProofBundle, VerifyResult, HybridKeyPair, Bytes, long, SecureRandom)}, from a bundle hash. */
    public static VerificationReceipt issue(Bytes bundleHash, VerifyResult result,
            HybridKeyPair verifierKey, Bytes prevHash, long verifiedAt, SecureRandom random) {
        Objects.requireNonNull(result, "result");
        requireHash(bundleHash, "bundle_hash");
        requireHash(prevHash, "prev_hash");
        VerificationReceipt unsigned = new VerificationReceipt(Ratify.PROTOCOL_VERSION, bundleHash,
                result.identityStatus(), result.errorReason(), result.grantedScope(),
                result.humanId(), result.agentId(), prevHash, verifiedAt, verifierKey.id(),
                verifierKey.publicKey(), null);
        return unsigned.withSignature(
                verifierKey.sign(SignableBytes.verificationReceipt(unsigned), random));
    }

    /**
     * Checks a receipt against the key it names: version, hash lengths, that {@code verifier_id}
     * is derived from {@code verifier_pub}, and the hybrid signature. This proves only that the
     * holder of {@code verifier_pub} signed it; use {@link #verify(VerificationReceipt,
     * HybridPublicKey)} to pin the verifier you trust.
     *
     * @throws ReceiptException naming the first defect
     */
    public static void verify(VerificationReceipt receipt) {
        if (receipt.version() != Ratify.PROTOCOL_VERSION) {
            throw new ReceiptException(Defect.UNSUPPORTED_VERSION,
                    "unsupported version " + receipt.version());
        }
        if (receipt.bundleHash().length() != 32 || receipt.prevHash().length() != 32) {
            throw new ReceiptException(Defect.MALFORMED, "bundle_hash and prev_hash must be 32 bytes");
        }
        if (!receipt.verifierPub().hasValidLengths()) {
            throw new ReceiptException(Defect.MALFORMED, "verifier_pub has wrong key lengths");
        }
        if (!receipt.verifierPub().deriveId().equals(receipt.verifierId())) {
            throw new ReceiptException(Defect.VERIFIER_ID_MISMATCH,
                    "verifier_id is not the id of verifier_pub");
        }
        if (receipt.signature() == null) {
            throw new ReceiptException(Defect.UNSIGNED, "receipt has no signature");
        }
        try {
            Documents.verifySignature(SignableBytes.verificationReceipt(receipt), receipt.signature(),
                    receipt.verifierPub());
        } catch (SignatureException e) {
            throw new ReceiptException(Defect.BAD_SIGNATURE, e.getMessage());
        }
    }

    /** {@link #verify(VerificationReceipt)}, and the receipt must be signed by {@code trustedVerifier}. */
    public static void verify(VerificationReceipt receipt, HybridPublicKey trustedVerifier) {
        if (!receipt.verifierPub().equals(trustedVerifier)) {
            throw new ReceiptException(Defect.UNTRUSTED_VERIFIER,
                    "receipt is signed by verifier " + receipt.verifierId() + ", not the trusted key");
        }
        verify(receipt);
    }

    /**
     * Verifies consecutive receipts of one verifier: each one's signature, and that each
     * {@code prev_hash} is the {@link #receiptHash} of the one before. The first receipt's own
     * {@code prev_hash} is not checked (a chain excerpt may start anywhere).
     */
    public static void verifyChain(List<VerificationReceipt> receipts, HybridPublicKey trustedVerifier) {
        VerificationReceipt previous = null;
        for (int i = 0; i < receipts.size(); i++) {
            VerificationReceipt r = receipts.get(i);
            verify(r, trustedVerifier);
            if (previous != null && !r.prevHash().constantTimeEquals(receiptHash(previous))) {
                throw new ReceiptException(Defect.BROKEN_CHAIN,
                        "receipt " + i + " does not point at receipt " + (i - 1));
            }
            previous = r;
        }
    }

    private static void requireHash(Bytes hash, String name) {
        if (hash == null || hash.length() != 32) {
            throw new IllegalArgumentException(name + " must be 32 bytes");
        }
    }
}
