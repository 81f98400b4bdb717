package dev.herald.governance.realtime;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What registers a sidecar key: its id in the project, {@code ed25519} or {@code ml-dsa-65}, and
 * the raw public key in base64, optionally prefixed {@code "<algorithm>:"}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewSidecarKey(String keyId, String algorithm, String publicKey) {
}
