package dev.herald.evidence.verify;

import dev.herald.evidence.keys.IssuerPublicKey;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Verifier configuration.
 *
 * @param pinnedIssuerKeys when non-empty, every issuer signature must be by one of these keys
 *     (pass a key ring's verification keys to accept artifacts signed before a rotation)
 * @param tsaTrustAnchors root certificates a time-stamp token's chain may end in; the server
 *     passes Herald's TSA root by default
 * @param requireTrust turns every NOT_VALIDATED outcome into FAIL
 */
public record VerifyOptions(List<IssuerPublicKey> pinnedIssuerKeys, List<X509CertificateHolder> tsaTrustAnchors,
        boolean requireTrust) {
    public VerifyOptions {
        pinnedIssuerKeys = List.copyOf(pinnedIssuerKeys);
        tsaTrustAnchors = List.copyOf(tsaTrustAnchors);
    }

    public static VerifyOptions defaults() {
        return new VerifyOptions(List.of(), List.of(), false);
    }

    public VerifyOptions withPinnedKeys(List<IssuerPublicKey> keys) {
        return new VerifyOptions(keys, tsaTrustAnchors, requireTrust);
    }

    public VerifyOptions withTrustAnchors(List<X509CertificateHolder> anchors) {
        return new VerifyOptions(pinnedIssuerKeys, anchors, requireTrust);
    }

    public VerifyOptions withRequireTrust(boolean require) {
        return new VerifyOptions(pinnedIssuerKeys, tsaTrustAnchors, require);
    }
}
