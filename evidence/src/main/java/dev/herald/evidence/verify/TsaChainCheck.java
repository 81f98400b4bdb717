package dev.herald.evidence.verify;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * {@code tsa_certificate_chain}: the token's CMS signature verifies under the signer certificate
 * (which must carry the critical id-kp-timeStamping usage and be valid at genTime), and that
 * certificate chains, through any intermediates the token carries, to one of the trust anchors,
 * evaluated at genTime with PKIX. Reports which anchor validated. A token with no signer, no
 * certificate or no chain to an anchor is NOT_VALIDATED (the evidence is intact, its origin just
 * is not one the verifier trusts); a signature that does not verify is FAIL.
 */
final class TsaChainCheck {
    private static final Check CHECK = Check.TSA_CERTIFICATE_CHAIN;

    private TsaChainCheck() {}

    static CheckResult run(Optional<ParsedToken> parsed, List<X509CertificateHolder> anchors) {
        if (parsed.isEmpty()) {
            return CheckResult.skipped(CHECK, Reason.PREREQUISITE_FAILED, "no usable time-stamp receipt");
        }
        if (parsed.get().token().isEmpty()) {
            return CheckResult.notValidated(CHECK, Reason.UNSIGNED_TOKEN,
                    "token carries no signer: imprint checked, origin not validated");
        }
        TimeStampToken token = parsed.get().token().get();
        Instant genTime = parsed.get().genTime();
        List<X509CertificateHolder> carried = new ArrayList<>(token.getCertificates().getMatches(null));
        X509CertificateHolder signer = findSigner(token.getSID(), carried, anchors);
        if (signer == null) {
            return CheckResult.notValidated(CHECK, Reason.NO_TSA_CERTIFICATE,
                    "token does not carry its signer's certificate and no anchor matches it");
        }
        try {
            // Checks the CMS signature, the ESS certificate binding, the critical timeStamping
            // usage and the certificate's validity at genTime.
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
        } catch (Exception e) {
            return CheckResult.fail(CHECK, Reason.BAD_TOKEN_SIGNATURE, "token signature does not verify: " + e.getMessage());
        }
        for (X509CertificateHolder anchor : anchors) {
            if (chainsTo(signer, carried, anchor, genTime)) {
                return CheckResult.pass(CHECK, "signed by " + signer.getSubject() + ", validated by anchor "
                        + anchor.getSubject() + " (sha256 " + fingerprint(anchor) + ")");
            }
        }
        return CheckResult.notValidated(CHECK, Reason.NO_TRUSTED_ANCHOR, "signature valid (" + signer.getSubject()
                + ", issued by " + signer.getIssuer() + ") but no trust anchor validates its chain");
    }

    private static X509CertificateHolder findSigner(SignerId sid, List<X509CertificateHolder> carried,
            List<X509CertificateHolder> anchors) {
        for (X509CertificateHolder candidate : carried) {
            if (sid.match(candidate)) {
                return candidate;
            }
        }
        for (X509CertificateHolder candidate : anchors) {
            if (sid.match(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean chainsTo(X509CertificateHolder signer, Collection<X509CertificateHolder> carried,
            X509CertificateHolder anchor, Instant at) {
        try {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            X509Certificate anchorCert = converter.getCertificate(anchor);
            if (signer.equals(anchor)) {
                return true;
            }
            List<X509Certificate> path = new ArrayList<>();
            X509CertificateHolder current = signer;
            // Follow issuers through the carried certificates, stopping at the anchor's subject.
            for (int depth = 0; depth < 8 && current != null; depth++) {
                path.add(converter.getCertificate(current));
                if (current.getIssuer().equals(anchor.getSubject())) {
                    break;
                }
                X509CertificateHolder next = null;
                for (X509CertificateHolder c : carried) {
                    if (c.getSubject().equals(current.getIssuer()) && !c.getSubject().equals(c.getIssuer())) {
                        next = c;
                    }
                }
                current = next;
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPath certPath = factory.generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchorCert, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static String fingerprint(X509CertificateHolder certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (Exception e) {
            return "unavailable";
        }
    }
}
