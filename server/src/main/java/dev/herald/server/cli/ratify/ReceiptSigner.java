package dev.herald.server.cli.ratify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.ratify.Bytes;
import dev.herald.ratify.HybridKeyPair;
import dev.herald.ratify.ProofBundle;
import dev.herald.ratify.RatifyDecodeException;
import dev.herald.ratify.RatifyJson;
import dev.herald.ratify.VerificationReceipt;
import dev.herald.ratify.VerificationReceipts;
import dev.herald.ratify.VerifyResult;
import dev.herald.governance.identity.VerifierKeyStore;
import dev.herald.platform.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Signs the verification receipt of {@code herald ratify verify --receipt}: with a Ratify key file,
 * or with the install's verifier key of a data directory (the key its server signs receipts with).
 */
record ReceiptSigner(HybridKeyPair key, Bytes prevHash) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static ReceiptSigner of(Path keyFile, Path dataDir, String prevHashBase64) {
        if ((keyFile == null) == (dataDir == null)) {
            throw new CliInputException("--receipt needs exactly one of --receipt-key and --data-dir");
        }
        HybridKeyPair key;
        if (keyFile != null) {
            key = RatifyFiles.readKeyPair(keyFile).keyPair();
        } else {
            try {
                key = VerifierKeyStore.load(dataDir);
            } catch (StoreException e) {
                throw new CliInputException(e.getMessage());
            }
        }
        Bytes prev = VerificationReceipts.GENESIS;
        if (prevHashBase64 != null) {
            prev = Bytes.of(RatifyFiles.base64(prevHashBase64, "--receipt-prev-hash"));
            if (prev.length() != 32) {
                throw new CliInputException("--receipt-prev-hash must be 32 bytes, got " + prev.length());
            }
        }
        return new ReceiptSigner(key, prev);
    }

    /** Null (no receipt), after refusing receipt options given without {@code --receipt}. */
    static ReceiptSigner refuseOptions(Path keyFile, Path dataDir, String prevHash) {
        if (keyFile != null || dataDir != null || prevHash != null) {
            throw new CliInputException("--receipt-key, --data-dir and --receipt-prev-hash need --receipt");
        }
        return null;
    }

    /** A receipt names the bundle by its hash, so the bundle must decode. */
    static ProofBundle decode(byte[] bundleJson) {
        try {
            return RatifyJson.decodeProofBundle(bundleJson);
        } catch (RatifyDecodeException e) {
            throw new CliInputException("the bundle cannot be decoded, so no receipt can name it: " + e.getMessage());
        }
    }

    /** The VerifyResult JSON with {@code receipt} and {@code receipt_hash} added (as the HTTP route answers). */
    String withReceipt(ProofBundle bundle, VerifyResult result, long verifiedAt) {
        VerificationReceipt receipt = VerificationReceipts.issue(bundle, result, key, prevHash, verifiedAt,
                new SecureRandom());
        try {
            ObjectNode out = (ObjectNode) MAPPER.readTree(RatifyJson.encode(result));
            out.set("receipt", MAPPER.readTree(RatifyJson.encode(receipt)));
            out.put("receipt_hash", VerificationReceipts.receiptHash(receipt).toBase64());
            return MAPPER.writeValueAsString(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
