package dev.herald.evidence.verify;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * A DER TimeStampToken read without trusting it: the TSTInfo is taken from the CMS content even
 * when the token carries no signer (published samples do), so the imprint can be checked apart
 * from the signature.
 */
record ParsedToken(CMSSignedData cms, TSTInfo info, Optional<TimeStampToken> token) {
    /** Returns empty when the bytes are not a CMS SignedData holding a TSTInfo. */
    static Optional<ParsedToken> parse(byte[] der) {
        try {
            CMSSignedData cms = new CMSSignedData(der);
            if (!PKCSObjectIdentifiers.id_ct_TSTInfo.getId().equals(cms.getSignedContentTypeOID())
                    || cms.getSignedContent() == null) {
                return Optional.empty();
            }
            TSTInfo info = TSTInfo.getInstance(ASN1Primitive.fromByteArray((byte[]) cms.getSignedContent().getContent()));
            Optional<TimeStampToken> token = Optional.empty();
            if (cms.getSignerInfos().size() == 1) {
                token = Optional.of(new TimeStampToken(cms));
            }
            return Optional.of(new ParsedToken(cms, info, token));
        } catch (CMSException | IOException | TSPException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Instant genTime() {
        try {
            return info.getGenTime().getDate().toInstant();
        } catch (java.text.ParseException e) {
            return null;
        }
    }
}
