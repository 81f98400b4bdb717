package dev.herald.evidence.tsa;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Reading and writing trust-anchor certificates (TSA roots) as PEM. */
public final class TrustAnchors {
    private TrustAnchors() {}

    /** Every certificate in a PEM text (other PEM objects are ignored). */
    public static List<X509CertificateHolder> fromPem(String pem) {
        List<X509CertificateHolder> anchors = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    anchors.add(holder);
                }
            }
        } catch (IOException e) {
            throw new TsaException("cannot read trust anchor PEM", e);
        }
        return List.copyOf(anchors);
    }

    public static String toPem(X509CertificateHolder certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new TsaException("cannot write certificate PEM", e);
        }
        return out.toString();
    }
}
