package io.sipfront.ha.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire format: snake_case JSON, round trips, unknown fields tolerated, bad values refused. */
class SharedCodecTest {
    @Test
    void messagesRoundTripInSnakeCase() {
        HealthEntry h = new HealthEntry("node1", "carriers", "carrier-a", "inactive", "inactive", false, 10,
                "probe timeout (3 in a row)", 0, 9, 11, 5, 4, 1);
        OperatorEntry o = new OperatorEntry("carriers", "carrier-b", "drain", 12, "node1");
        SharedCodec.Message m = new SharedCodec.Message("health", "node1", List.of(h), List.of(o));
        String json = SharedCodec.encode(m);
        assertTrue(json.contains("\"probe_code\":0"), json);
        assertTrue(json.contains("\"destination_key\"") == false, json);
        assertEquals(m, SharedCodec.decode(json, SharedCodec.Message.class));
    }

    @Test
    void unknownFieldsFromANewerNodeAreIgnored() {
        OperatorEntry o = SharedCodec.decode(
                "{\"set\":\"s\",\"id\":\"d\",\"action\":\"enable\",\"at\":3,\"node\":\"n\",\"by\":\"alice\"}",
                OperatorEntry.class);
        assertEquals(new OperatorEntry("s", "d", "enable", 3, "n"), o);
    }

    @Test
    void badValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SharedCodec.decode(
                "{\"set\":\"s\",\"id\":\"d\",\"action\":\"explode\",\"at\":3,\"node\":\"n\"}", OperatorEntry.class));
        assertThrows(IllegalArgumentException.class, () -> SharedCodec.decode("{\"set\":\"s\"}", HealthEntry.class));
        assertThrows(IllegalArgumentException.class, () -> SharedCodec.decode("not json", HealthEntry.class));
    }
}
