package dev.herald.evidence.tsa;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Herald's TSA key material: the Herald root certificate (the trust anchor verifiers use), the TSA
 * certificate it issued, and the TSA signing key. The root's private key is not kept: renewing
 * the TSA means generating a new pair, and old tokens stay verifiable against the old root.
 * {@link #toString} never prints the key.
 */
public record TsaCredentials(X509CertificateHolder root, X509CertificateHolder tsaCertificate, PrivateKey tsaKey) {
    public TsaCredentials {
        if (root == null || tsaCertificate == null || tsaKey == null) {
            throw new IllegalArgumentException("root, TSA certificate and key are required");
        }
    }

    /** One PEM text holding the root certificate, the TSA certificate and the PKCS#8 key, in that order. */
    public String toPem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(root);
            writer.writeObject(tsaCertificate);
            writer.writeObject(new JcaPKCS8Generator(tsaKey, null));
        } catch (IOException e) {
            throw new TsaException("cannot write TSA credentials as PEM", e);
        }
        return out.toString();
    }

    /** PEM of the root certificate alone, for {@code --tsa-trust} and for publishing. */
    public String rootPem() {
        return TrustAnchors.toPem(root);
    }

    /** Reads what {@link #toPem} wrote. */
    public static TsaCredentials fromPem(String pem) {
        List<X509CertificateHolder> certificates = new ArrayList<>();
        PrivateKey key = null;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    certificates.add(holder);
                } else if (o instanceof PrivateKeyInfo info) {
                    key = converter.getPrivateKey(info);
                } else if (o instanceof PEMKeyPair pair) {
                    key = converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            }
        } catch (IOException e) {
            throw new TsaException("cannot read TSA credentials PEM", e);
        }
        if (certificates.size() != 2 || key == null) {
            throw new TsaException("TSA credentials PEM must hold two certificates and one private key");
        }
        return new TsaCredentials(certificates.get(0), certificates.get(1), key);
    }

    public X509Certificate rootCertificate() {
        return toJca(root);
    }

    static X509Certificate toJca(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new TsaException("certificate cannot be converted", e);
        }
    }

    @Override
    public String toString() {
        return "TsaCredentials[root=" + root.getSubject() + ", tsa=" + tsaCertificate.getSubject() + ", key=<redacted>]";
    }
}
