package dev.herald.evidence.tsa;

import java.time.Instant;

/**
 * A granted time stamp: the DER TimeStampToken (CMS ContentInfo, not the TimeStampResp wrapper),
 * who issued it, when it arrived and the genTime it states.
 */
public record TimestampReceipt(String provider, String url, byte[] tokenDer, Instant receivedAt, Instant genTime) {
    public TimestampReceipt {
        if (provider == null || url == null || tokenDer == null || receivedAt == null || genTime == null) {
            throw new IllegalArgumentException("incomplete timestamp receipt");
        }
        tokenDer = tokenDer.clone();
    }

    @Override
    public byte[] tokenDer() {
        return tokenDer.clone();
    }
}
