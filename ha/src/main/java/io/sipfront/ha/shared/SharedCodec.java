package io.sipfront.ha.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;

/**
 * JSON of entries and channel messages, in snake_case. Unknown fields are ignored, so a node of a newer version can
 * add fields during a rolling upgrade without its peer dropping its messages.
 */
final class SharedCodec {
    /** What goes over the channel: every write of a node, so peers need not read it back. */
    record Message(String type, String node, List<HealthEntry> health, List<OperatorEntry> operator) {
        static final String HEALTH = "health";
        static final String OPERATOR = "operator";

        Message {
            health = health == null ? List.of() : List.copyOf(health);
            operator = operator == null ? List.of() : List.copyOf(operator);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SharedCodec() {
    }

    static String encode(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value, e);
        }
    }

    /** @throws IllegalArgumentException on anything that is not a valid value of {@code type} */
    static <T> T decode(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("bad " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
