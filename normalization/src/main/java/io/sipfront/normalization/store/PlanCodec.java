package io.sipfront.normalization.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipfront.normalization.config.NumberRule;
import io.sipfront.normalization.config.NumberingPlan;
import java.util.ArrayList;
import java.util.List;

/** A plan as one JSON document: how Redis stores it, so one SET replaces a carrier's plan atomically. */
final class PlanCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanCodec() {
    }

    static String encode(NumberingPlan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("carrier", plan.carrier());
        root.put("region", plan.region());
        root.put("outbound_format", plan.outboundFormat().text());
        root.put("invalid_numbers", plan.invalidNumbers().text());
        ArrayNode rules = root.putArray("rules");
        for (NumberRule r : plan.rules()) {
            ObjectNode o = rules.addObject();
            o.put("direction", r.directionName());
            o.put("field", r.fieldName());
            o.put("match", r.match().pattern());
            o.put("replace", r.replace());
        }
        return root.toString();
    }

    /** @throws IllegalArgumentException for a document that is not a valid plan */
    static NumberingPlan decode(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<NumberRule> rules = new ArrayList<>();
            for (JsonNode r : root.path("rules")) {
                rules.add(NumberRule.parse(r.path("direction").asText(), r.path("field").asText(),
                        r.path("match").asText(), r.path("replace").asText()));
            }
            return new NumberingPlan(root.path("carrier").asText(),
                    NumberingPlan.parseRegion(root.path("region").asText()),
                    NumberingPlan.parseFormat(root.path("outbound_format").asText()),
                    NumberingPlan.parseInvalid(root.path("invalid_numbers").asText()), rules);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
