package dev.herald.voice.calendar;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** A built-in calendar: where, when and in what slots it takes meetings. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Calendar(String id, String name, ZoneId timeZone, @JsonIgnore WorkingHours hours, int slotMinutes,
                       int bufferMinutes, @JsonProperty("is_default") boolean isDefault, Instant createdAt, Instant updatedAt) {

    @JsonProperty("working_hours")
    public Map<String, List<WorkingHours.SpanText>> workingHours() {
        return hours.toWire();
    }

    @JsonIgnore
    public Duration slot() {
        return Duration.ofMinutes(slotMinutes);
    }

    @JsonIgnore
    public Duration buffer() {
        return Duration.ofMinutes(bufferMinutes);
    }
}
