package dev.herald.evidence.tsa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.evidence.Fixtures;
import java.math.BigInteger;
import java.security.MessageDigest;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;

class HeraldTimestampAuthorityTest {
    private final HeraldTimestampAuthority tsa = Fixtures.tsa();

    private static TimeStampRequest request(org.bouncycastle.asn1.ASN1ObjectIdentifier algorithm, int length) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        return generator.generate(algorithm, new byte[length], BigInteger.valueOf(42));
    }

    @Test
    void validRequest_isGrantedWithSignedTokenEchoingNonceAndImprint() throws Exception {
        TimeStampRequest request = request(TSPAlgorithms.SHA256, 32);

        TimeStampResponse response = new TimeStampResponse(tsa.respond(request.getEncoded()));

        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
        response.validate(request);
        TimeStampToken token = response.getTimeStampToken();
        assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(BigInteger.valueOf(42));
        assertThat(token.getTimeStampInfo().getPolicy()).isEqualTo(HeraldTimestampAuthority.POLICY);
        X509CertificateHolder signer = Fixtures.tsaCredentials().tsaCertificate();
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
    }

    @Test
    void garbageBytes_areRejectedAsBadDataFormat() throws Exception {
        TimeStampResponse response = new TimeStampResponse(tsa.respond(new byte[] {1, 2, 3}));

        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badDataFormat);
    }

    @Test
    void sha1Imprint_isRejectedAsBadAlgorithm() throws Exception {
        TimeStampResponse response = new TimeStampResponse(tsa.respond(request(TSPAlgorithms.SHA1, 20).getEncoded()));

        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badAlg);
    }

    @Test
    void foreignPolicy_isRejectedAsUnacceptedPolicy() throws Exception {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setReqPolicy(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.3.4.5"));
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, new byte[32], BigInteger.ONE);

        TimeStampResponse response = new TimeStampResponse(tsa.respond(request.getEncoded()));

        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.unacceptedPolicy);
    }

    @Test
    void wrongImprintLength_isRejected() throws Exception {
        TimeStampResponse response = new TimeStampResponse(tsa.respond(request(TSPAlgorithms.SHA256, 20).getEncoded()));

        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
    }

    @Test
    void tsaCertificate_carriesOnlyCriticalTimeStampingUsage_andChainsToRoot() throws Exception {
        TsaCredentials credentials = Fixtures.tsaCredentials();
        Extension eku = credentials.tsaCertificate().getExtension(Extension.extendedKeyUsage);

        assertThat(eku.isCritical()).isTrue();
        assertThat(ExtendedKeyUsage.getInstance(eku.getParsedValue()).getUsages()).containsExactly(KeyPurposeId.id_kp_timeStamping);
        assertThat(credentials.tsaCertificate().getIssuer()).isEqualTo(credentials.root().getSubject());
        assertThat(credentials.tsaCertificate().isSignatureValid(
                new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder().build(credentials.root()))).isTrue();
    }

    @Test
    void credentials_roundTripThroughPem_andStillSign() throws Exception {
        TsaCredentials credentials = Fixtures.tsaCredentials();
        String pem = credentials.toPem();

        TsaCredentials loaded = TsaCredentials.fromPem(pem);

        assertThat(pem).contains("BEGIN CERTIFICATE").contains("BEGIN PRIVATE KEY").doesNotContain("EC PRIVATE");
        assertThat(loaded.root()).isEqualTo(credentials.root());
        assertThat(loaded.tsaCertificate()).isEqualTo(credentials.tsaCertificate());
        assertThat(MessageDigest.isEqual(loaded.tsaKey().getEncoded(), credentials.tsaKey().getEncoded())).isTrue();
        assertThat(loaded.toString()).contains("redacted").doesNotContain(pem.substring(pem.indexOf("PRIVATE KEY-----") + 17, pem.indexOf("PRIVATE KEY-----") + 40));
        TimeStampRequest request = request(TSPAlgorithms.SHA256, 32);
        TimeStampResponse response = new TimeStampResponse(
                new HeraldTimestampAuthority(loaded, Fixtures.CLOCK, Fixtures.random(5)).respond(request.getEncoded()));
        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
        assertThat(TrustAnchors.fromPem(credentials.rootPem())).containsExactly(credentials.root());
    }

    @Test
    void generation_isDeterministicForSameRandomAndClock() {
        TsaCredentials a = new TsaCredentialsFactory(Fixtures.random(99), Fixtures.CLOCK).generate("Same");
        TsaCredentials b = new TsaCredentialsFactory(Fixtures.random(99), Fixtures.CLOCK).generate("Same");
        assertThat(a.root().getSerialNumber()).isEqualTo(b.root().getSerialNumber());
        assertThat(a.root().getNotBefore()).isEqualTo(b.root().getNotBefore());
    }
}
