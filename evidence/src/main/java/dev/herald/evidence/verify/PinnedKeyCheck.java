package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.keys.IssuerPublicKey;
import java.util.List;

/**
 * {@code pinned_issuer_key}: when the caller pins keys, every signature entry names one of them.
 * A valid signature by any other key fails: the artifact is authentic to someone, not to the
 * issuer the caller expects.
 */
final class PinnedKeyCheck {
    private static final Check CHECK = Check.PINNED_ISSUER_KEY;

    private PinnedKeyCheck() {}

    static CheckResult run(JsonNode signatures, List<IssuerPublicKey> pinned) {
        if (pinned.isEmpty()) {
            return CheckResult.skipped(CHECK, Reason.NOT_REQUESTED, "no issuer key pinned");
        }
        if (signatures.isEmpty()) {
            return CheckResult.fail(CHECK, Reason.NO_SIGNATURE, "no signature to compare");
        }
        for (JsonNode entry : signatures) {
            IssuerPublicKey key = IssuerPublicKey.parse(Nodes.text(entry, "public_key"));
            if (key == null || !pinned.contains(key)) {
                return CheckResult.fail(CHECK, Reason.KEY_NOT_PINNED,
                        "signed by " + (key == null ? "an unreadable key" : key.keyId()) + ", which is not pinned");
            }
        }
        return CheckResult.pass(CHECK, "signing key is pinned");
    }
}
