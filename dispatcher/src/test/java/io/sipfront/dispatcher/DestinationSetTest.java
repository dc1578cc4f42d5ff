package io.sipfront.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sipfront.net.Transport;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationSetTest {
    private static Destination dest(String id, int priority) {
        return new Destination(id, "sip:" + id, InetSocketAddress.createUnresolved(id, 5060), Transport.UDP, priority, 1);
    }

    private static List<String> ids(List<Destination> ds) {
        return ds.stream().map(Destination::id).toList();
    }

    @Test
    void priorityOrdersByPriorityThenFileOrder() {
        DestinationSet set = new DestinationSet("carriers", Algorithm.PRIORITY,
                List.of(dest("b", 2), dest("a", 1), dest("c", 2)));
        assertEquals(List.of("a", "b", "c"), ids(set.candidatesForNewCall()));
        assertEquals(List.of("a", "b", "c"), ids(set.candidatesForNewCall()), "priority never rotates");
    }

    @Test
    void roundRobinRotatesTheStartAndKeepsEveryDestinationAsFailover() {
        DestinationSet set = new DestinationSet("platform", Algorithm.ROUND_ROBIN,
                List.of(dest("x", 0), dest("y", 0), dest("z", 0)));
        assertEquals(List.of("x", "y", "z"), ids(set.candidatesForNewCall()));
        assertEquals(List.of("y", "z", "x"), ids(set.candidatesForNewCall()));
        assertEquals(List.of("z", "x", "y"), ids(set.candidatesForNewCall()));
        assertEquals(List.of("x", "y", "z"), ids(set.candidatesForNewCall()));
    }

    @Test
    void roundRobinSpreadsEvenly() {
        DestinationSet set = new DestinationSet("platform", Algorithm.ROUND_ROBIN, List.of(dest("x", 0), dest("y", 0)));
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            first.merge(set.candidatesForNewCall().get(0).id(), 1, Integer::sum);
        }
        assertEquals(Map.of("x", 500, "y", 500), first);
    }

    @Test
    void emptySetIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DestinationSet("none", Algorithm.PRIORITY, List.of()));
    }

    @Test
    void algorithmNamesAreTheYamlSpelling() {
        assertEquals(Algorithm.ROUND_ROBIN, Algorithm.fromConfigName("round-robin"));
        assertEquals(Algorithm.PRIORITY, Algorithm.fromConfigName("Priority"));
        assertNull(Algorithm.fromConfigName("random"));
    }
}
