package dev.herald.evidence.tsa;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * Herald's own RFC 3161 time-stamp authority. Signs with the TSA key of a {@link TsaCredentials},
 * puts the TSA and root certificates in the token when the request asks for them (certReq), takes
 * genTime from the injected {@link Clock} and serial numbers from the injected
 * {@link SecureRandom}. Accepts SHA-256, SHA-384 and SHA-512 imprints. Thread-safe.
 */
public final class HeraldTimestampAuthority implements TimestampAuthority {
    /**
     * Herald's TSA policy. An OID under the {@code 2.25} arc (X.667, derived from a UUID) needs no
     * registration and cannot collide with anyone else's policy.
     */
    public static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("2.25.148068391029517252110898875848914263205");
    private static final Set<ASN1ObjectIdentifier> ACCEPTED_DIGESTS = Set.of(TSPAlgorithms.SHA256, TSPAlgorithms.SHA384, TSPAlgorithms.SHA512);
    /** A request larger than this cannot be a TimeStampReq for a hash. */
    public static final int MAX_REQUEST_BYTES = 16 * 1024;

    private final TsaCredentials credentials;
    private final Clock clock;
    private final SecureRandom random;
    private final TimeStampResponseGenerator responder;

    public HeraldTimestampAuthority(TsaCredentials credentials, Clock clock, SecureRandom random) {
        this.credentials = credentials;
        this.clock = clock;
        this.random = random;
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").setSecureRandom(random)
                    .build(credentials.tsaKey());
            DigestCalculator certIdDigest = digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSignerInfoGeneratorBuilder(digests).build(signer, credentials.tsaCertificate()),
                    certIdDigest, POLICY);
            X509Certificate tsaCert = TsaCredentials.toJca(credentials.tsaCertificate());
            tokens.addCertificates(new JcaCertStore(java.util.List.of(tsaCert, credentials.rootCertificate())));
            tokens.setAccuracySeconds(1);
            this.responder = new TimeStampResponseGenerator(tokens, ACCEPTED_DIGESTS, Set.of(POLICY));
        } catch (Exception e) {
            throw new TsaException("cannot set up the time-stamp authority", e);
        }
    }

    public TsaCredentials credentials() {
        return credentials;
    }

    @Override
    public byte[] respond(byte[] timeStampRequestDer) {
        try {
            if (timeStampRequestDer == null || timeStampRequestDer.length == 0 || timeStampRequestDer.length > MAX_REQUEST_BYTES) {
                return failure(PKIFailureInfo.badDataFormat, "request missing or too large");
            }
            TimeStampRequest request;
            try {
                request = new TimeStampRequest(timeStampRequestDer);
            } catch (IOException | RuntimeException e) {
                return failure(PKIFailureInfo.badDataFormat, "request is not a DER TimeStampReq");
            }
            BigInteger serial = new BigInteger(127, random);
            TimeStampResponse response;
            synchronized (responder) {
                // generate() turns unacceptable algorithms, policies and extensions into a
                // rejection with the right failure bit rather than throwing.
                response = responder.generate(request, serial, Date.from(clock.instant()));
            }
            return response.getEncoded();
        } catch (TSPException | IOException | RuntimeException e) {
            return failure(PKIFailureInfo.systemFailure, "time-stamp authority failure");
        }
    }

    private byte[] failure(int failInfo, String text) {
        try {
            return responder.generateFailResponse(PKIStatus.REJECTION, failInfo, text).getEncoded();
        } catch (TSPException | IOException e) {
            throw new TsaException("cannot encode a TSA failure response", e);
        }
    }
}
