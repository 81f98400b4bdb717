package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.json.Sha256;
import dev.herald.evidence.tsa.AttemptStatus;
import dev.herald.evidence.tsa.TimestampOutcome;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.tsp.MessageImprint;

/**
 * {@code rfc3161_timestamp_receipt}: a receipt exists (a degraded artifact fails here, never
 * silently passes); it and every entry of {@code timestamp_receipts} cover the project chain
 * head (request hash, covered hash and sequence); its token decodes, hashes to
 * {@code receipt_hash} and carries a SHA-256 message imprint equal to the covered hash; it came
 * from a TSA the attempts list as granted; it is listed in {@code timestamp_receipts}. Checks the
 * token's content only; who signed it is {@link TsaChainCheck}'s concern.
 */
final class ReceiptCheck {
    private static final Check CHECK = Check.RFC3161_TIMESTAMP_RECEIPT;

    private ReceiptCheck() {}

    /** The result, plus the parsed primary token for the trust and time checks when it is usable. */
    record Outcome(CheckResult result, Optional<ParsedToken> token) {}

    static Outcome run(JsonNode a) {
        JsonNode receipt = a.get("rfc3161_timestamp_receipt");
        if (TimestampOutcome.STATUS_DEGRADED.equals(Nodes.text(a, "tsa_status")) || receipt.isNull()) {
            return new Outcome(CheckResult.fail(CHECK, Reason.DEGRADED_NO_RECEIPT,
                    "no TSA answered (tsa_status degraded_no_receipt): the evidence has no independent time"), Optional.empty());
        }
        JsonNode head = a.get("project_chain_head");
        Sha256 headHash = Sha256.parsePrefixed(Nodes.text(head, "content_hash"));
        Long headSequence = Nodes.integer(head, "sequence");
        if (headHash == null) {
            return fail(Reason.WRONG_VALUE, "project_chain_head.content_hash is not a sha256: hash");
        }
        boolean listed = false;
        int index = 0;
        for (JsonNode other : a.get("timestamp_receipts")) {
            String where = "timestamp_receipts[" + index++ + "]";
            String problem = problem(other, headHash, headSequence, a.get("rfc3161_timestamp_attempts"));
            if (problem != null) {
                return fail(Reason.RECEIPT_MISMATCH, where + ": " + problem);
            }
            listed |= other.equals(receipt);
        }
        String problem = problem(receipt, headHash, headSequence, a.get("rfc3161_timestamp_attempts"));
        if (problem != null) {
            return fail(problem.startsWith("imprint") ? Reason.IMPRINT_MISMATCH : Reason.RECEIPT_MISMATCH, problem);
        }
        if (!listed) {
            return fail(Reason.RECEIPT_MISMATCH, "rfc3161_timestamp_receipt is not listed in timestamp_receipts");
        }
        if (a.has("tsa_status") && !TimestampOutcome.STATUS_GRANTED.equals(Nodes.text(a, "tsa_status"))) {
            return fail(Reason.RECEIPT_MISMATCH, "tsa_status is not granted although a receipt is present");
        }
        ParsedToken token = ParsedToken.parse(Base64.getDecoder().decode(Nodes.text(receipt, "tsa_response_base64"))).orElseThrow();
        return new Outcome(CheckResult.pass(CHECK, "token from " + Nodes.text(receipt, "provider") + " covers " + headHash
                + " at sequence " + headSequence + ", genTime " + token.genTime()), Optional.of(token));
    }

    private static Outcome fail(Reason reason, String detail) {
        return new Outcome(CheckResult.fail(CHECK, reason, detail), Optional.empty());
    }

    /** Null when the receipt is consistent, otherwise what is wrong. */
    private static String problem(JsonNode receipt, Sha256 headHash, Long headSequence, JsonNode attempts) {
        if (!receipt.isObject()) {
            return "receipt is not an object";
        }
        if (!headHash.prefixed().equals(Nodes.text(receipt, "request_hash"))) {
            return "request_hash is not project_chain_head.content_hash";
        }
        if (!headHash.prefixed().equals(Nodes.text(receipt, "covers_chain_head_hash"))) {
            return "covers_chain_head_hash is not project_chain_head.content_hash";
        }
        Long covered = Nodes.integer(receipt, "covers_chain_head_at_sequence");
        if (covered == null || !covered.equals(headSequence)) {
            return "covers_chain_head_at_sequence is not project_chain_head.sequence";
        }
        if (Nodes.instant(receipt, "received_at") == null) {
            return "received_at is not an ISO-8601 instant";
        }
        String provider = Nodes.text(receipt, "provider");
        String tsa = Nodes.text(receipt, "tsa");
        boolean granted = false;
        for (JsonNode attempt : attempts) {
            granted |= provider != null && provider.equals(Nodes.text(attempt, "provider"))
                    && tsa != null && tsa.equals(Nodes.text(attempt, "url"))
                    && AttemptStatus.GRANTED.wire().equals(Nodes.text(attempt, "status"));
        }
        if (!granted) {
            return "no granted attempt in rfc3161_timestamp_attempts names this provider and tsa";
        }
        byte[] der;
        try {
            String b64 = Nodes.text(receipt, "tsa_response_base64");
            der = b64 == null ? null : Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            der = null;
        }
        if (der == null) {
            return "tsa_response_base64 is not base64";
        }
        if (!Sha256.of(der).prefixed().equals(Nodes.text(receipt, "receipt_hash"))) {
            return "receipt_hash is not the SHA-256 of the token";
        }
        Optional<ParsedToken> token = ParsedToken.parse(der);
        if (token.isEmpty()) {
            return "tsa_response_base64 is not a DER TimeStampToken";
        }
        MessageImprint imprint = token.get().info().getMessageImprint();
        if (!NISTObjectIdentifiers.id_sha256.equals(imprint.getHashAlgorithm().getAlgorithm())
                || !MessageDigest.isEqual(imprint.getHashedMessage(), headHash.digest())) {
            return "imprint of the token is not SHA-256 " + headHash.hex();
        }
        if (token.get().genTime() == null) {
            return "token genTime is unreadable";
        }
        return null;
    }
}
