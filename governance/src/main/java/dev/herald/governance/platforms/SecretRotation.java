package dev.herald.governance.platforms;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What rotates one of a platform's secrets: {@code api_key}, {@code signing_secret} or
 * {@code webhook_secret}, and for the webhook secret only, how long the old one keeps signing
 * (default 24 hours).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SecretRotation(String secret, Long graceSeconds) {
}
