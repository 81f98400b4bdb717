package dev.herald.voice.profiles;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** A profile version on the wire: its ids, its content and its times. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileAnswer(String id, int version, String agentId, @JsonUnwrapped ProfileWire profile,
                            Instant createdAt, Instant updatedAt) {

    static ProfileAnswer of(StoredProfile p, String agentId) {
        return new ProfileAnswer(p.id(), p.version(), agentId, ProfileMapping.wire(p.profile()), p.createdAt(),
                p.updatedAt());
    }
}
