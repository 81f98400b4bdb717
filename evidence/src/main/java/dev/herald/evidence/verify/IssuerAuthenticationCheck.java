package dev.herald.evidence.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.evidence.keys.IssuerKeysDocument;
import dev.herald.evidence.keys.IssuerPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code issuer_authenticated}: whether the file comes from the issuer the caller trusts. A valid
 * issuer signature only shows the file is intact under the key it embeds; anyone can re-sign a
 * changed file with a fresh key. So every signing key must be pinned ({@code --expected-public-key})
 * or listed in the issuer's published key document ({@code --issuer-keys}) with a window that
 * contains the time of issue. With neither, the check is NOT_VALIDATED ("issuer not
 * authenticated"): the file still verifies, and {@code --require-trust} turns that into a failure.
 */
final class IssuerAuthenticationCheck {
    private static final Check CHECK = Check.ISSUER_AUTHENTICATED;

    private IssuerAuthenticationCheck() {}

    /** The time a signature is judged at, and where it came from (for the detail). */
    record IssueTime(Instant at, String source) {}

    /** Keys of the {@code public_key} members of these signature entries (null where unreadable). */
    static List<IssuerPublicKey> keysOf(JsonNode signatures) {
        List<IssuerPublicKey> keys = new ArrayList<>();
        for (JsonNode entry : signatures) {
            keys.add(IssuerPublicKey.parse(Nodes.text(entry, "public_key")));
        }
        return keys;
    }

    static CheckResult run(List<IssuerPublicKey> signingKeys, VerifyOptions options, IssueTime time) {
        List<IssuerPublicKey> pinned = options.pinnedIssuerKeys();
        Optional<IssuerKeysDocument> document = options.issuerKeys();
        if (pinned.isEmpty() && document.isEmpty()) {
            return CheckResult.notValidated(CHECK, Reason.ISSUER_NOT_AUTHENTICATED,
                    "issuer not authenticated: no issuer key pinned (--expected-public-key or --issuer-keys); the"
                            + " signature only shows the file is intact under the key it embeds");
        }
        if (signingKeys.isEmpty()) {
            return CheckResult.fail(CHECK, Reason.NO_SIGNATURE, "no signature to compare");
        }
        List<String> how = new ArrayList<>();
        for (IssuerPublicKey key : signingKeys) {
            if (key == null) {
                return CheckResult.fail(CHECK, Reason.KEY_NOT_PINNED, "signed by an unreadable key");
            }
            if (pinned.contains(key)) {
                how.add(key.keyId() + " (pinned)");
                continue;
            }
            Optional<IssuerKeysDocument.Entry> published = document.flatMap(d -> d.find(key));
            if (published.isEmpty()) {
                return CheckResult.fail(CHECK, Reason.KEY_NOT_PINNED, "signed by " + key.keyId()
                        + ", which is neither pinned nor in the issuer key document");
            }
            if (time.at() == null) {
                return CheckResult.fail(CHECK, Reason.WRONG_VALUE, time.source() + " is not readable: cannot tell"
                        + " whether " + key.keyId() + " was valid when the file was issued");
            }
            var window = published.get().window();
            if (!window.contains(time.at())) {
                return CheckResult.fail(CHECK, Reason.KEY_NOT_VALID_AT_ISSUE_TIME, "signed by " + key.keyId()
                        + ", published as valid from " + orOpen(window.validFrom()) + " until " + orOpen(window.validUntil())
                        + ", not at " + time.at() + " (" + time.source() + ")");
            }
            how.add(key.keyId() + " (published, " + published.get().status() + ", valid at " + time.at() + " per "
                    + time.source() + ")");
        }
        return CheckResult.pass(CHECK, "signed by " + String.join(", ", how));
    }

    private static String orOpen(Instant t) {
        return t == null ? "(open)" : t.toString();
    }
}
