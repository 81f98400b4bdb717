package dev.herald.governance.realtime;

import java.util.Base64;
import java.util.Optional;

/** Reads key and signature text: base64 (standard or URL-safe, padding optional), optionally prefixed {@code <algorithm>:}. */
final class SignatureCodec {
    private SignatureCodec() {}

    static Optional<byte[]> decode(String text, String algorithm) {
        if (text == null) {
            return Optional.empty();
        }
        String body = text.startsWith(algorithm + ":") ? text.substring(algorithm.length() + 1) : text;
        if (body.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(body));
        } catch (IllegalArgumentException e) {
            try {
                return Optional.of(Base64.getUrlDecoder().decode(body));
            } catch (IllegalArgumentException e2) {
                return Optional.empty();
            }
        }
    }
}
