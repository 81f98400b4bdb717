package dev.herald.evidence.verify;

import dev.herald.evidence.keys.IssuerKeysDocument;
import dev.herald.evidence.keys.IssuerPublicKey;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Verifier configuration.
 *
 * @param pinnedIssuerKeys every issuer signature by one of these keys authenticates the issuer
 *     (pass a key ring's verification keys to accept artifacts signed before a rotation)
 * @param issuerKeys the issuer's published key document (a saved copy of
 *     {@code /.well-known/herald/issuer-keys.json}): a key it lists authenticates the issuer for
 *     files issued inside the key's window
 * @param tsaTrustAnchors root certificates a time-stamp token's chain may end in; the server
 *     passes Herald's TSA root by default
 * @param requireTrust turns every NOT_VALIDATED outcome into FAIL (an untrusted TSA chain, an
 *     unauthenticated issuer, a project chain head that cannot be recomputed)
 */
public record VerifyOptions(List<IssuerPublicKey> pinnedIssuerKeys, Optional<IssuerKeysDocument> issuerKeys,
        List<X509CertificateHolder> tsaTrustAnchors, boolean requireTrust) {
    public VerifyOptions {
        pinnedIssuerKeys = List.copyOf(pinnedIssuerKeys);
        tsaTrustAnchors = List.copyOf(tsaTrustAnchors);
    }

    public static VerifyOptions defaults() {
        return new VerifyOptions(List.of(), Optional.empty(), List.of(), false);
    }

    public VerifyOptions withPinnedKeys(List<IssuerPublicKey> keys) {
        return new VerifyOptions(keys, issuerKeys, tsaTrustAnchors, requireTrust);
    }

    public VerifyOptions withIssuerKeys(IssuerKeysDocument document) {
        return new VerifyOptions(pinnedIssuerKeys, Optional.of(document), tsaTrustAnchors, requireTrust);
    }

    public VerifyOptions withTrustAnchors(List<X509CertificateHolder> anchors) {
        return new VerifyOptions(pinnedIssuerKeys, issuerKeys, anchors, requireTrust);
    }

    public VerifyOptions withRequireTrust(boolean require) {
        return new VerifyOptions(pinnedIssuerKeys, issuerKeys, tsaTrustAnchors, require);
    }
}
