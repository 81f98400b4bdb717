package dev.herald.evidence.tsa;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Creates Herald's TSA key material: a self-signed Herald root CA and a TSA certificate issued by
 * it whose only (critical) extended key usage is id-kp-timeStamping, as RFC 3161 section 2.3
 * requires. Keys are ECDSA P-256 (fast to generate, small tokens). All randomness and time come
 * from the injected {@link SecureRandom} and {@link Clock}.
 */
public final class TsaCredentialsFactory {
    /** Certificates start slightly in the past so a verifier whose clock lags a little accepts them. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    static final Duration ROOT_VALIDITY = Duration.ofDays(3650 * 2);
    static final Duration TSA_VALIDITY = Duration.ofDays(3650);
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final SecureRandom random;
    private final Clock clock;

    public TsaCredentialsFactory(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /** @param organization goes into both subjects, e.g. the install's name */
    public TsaCredentials generate(String organization) {
        try {
            KeyPair rootKeys = newKeyPair();
            KeyPair tsaKeys = newKeyPair();
            Instant now = clock.instant();
            X500Name rootName = new X500Name("CN=Herald Timestamp Root CA,O=" + escape(organization));
            X500Name tsaName = new X500Name("CN=Herald Timestamp Authority,O=" + escape(organization));
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();

            JcaX509v3CertificateBuilder root = new JcaX509v3CertificateBuilder(rootName, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(ROOT_VALIDITY)), rootName, rootKeys.getPublic());
            root.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            root.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            root.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(rootKeys.getPublic()));
            X509CertificateHolder rootCert = root.build(signer(rootKeys));

            JcaX509v3CertificateBuilder tsa = new JcaX509v3CertificateBuilder(rootName, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(TSA_VALIDITY)), tsaName, tsaKeys.getPublic());
            tsa.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            tsa.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            tsa.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            tsa.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(tsaKeys.getPublic()));
            tsa.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(publicKeyOf(rootKeys)));
            X509CertificateHolder tsaCert = tsa.build(signer(rootKeys));
            return new TsaCredentials(rootCert, tsaCert, tsaKeys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new TsaException("cannot create TSA certificates", e);
        }
    }

    private KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private ContentSigner signer(KeyPair keys) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setSecureRandom(random).build(keys.getPrivate());
    }

    private BigInteger serial() {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static PublicKey publicKeyOf(KeyPair keys) {
        return keys.getPublic();
    }

    private static String escape(String value) {
        return value.replaceAll("([,+=\"\\\\<>;#])", "\\\\$1");
    }
}
