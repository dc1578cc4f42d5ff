package io.sipfront.core.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, content type and body bytes. */
public record AdminReply(int status, String contentType, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    public AdminReply {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** {@code value} (records, maps, lists, scalars) as a JSON body. */
    public static AdminReply json(int status, Object value) {
        try {
            return new AdminReply(status, "application/json", JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + value.getClass().getName(), e);
        }
    }

    public static AdminReply ok(Object value) {
        return json(200, value);
    }

    /** The API's one error shape: {@code {"error": "...", "status": N}}. */
    public static AdminReply error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        return json(status, body);
    }

    public static AdminReply text(int status, String contentType, String text) {
        return new AdminReply(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }
}
