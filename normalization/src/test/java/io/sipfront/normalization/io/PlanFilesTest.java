package io.sipfront.normalization.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.normalization.config.NumberRule;
import io.sipfront.normalization.config.NumberingPlan;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Import files: what they mean, and every refusal with its line. */
class PlanFilesTest {
    static final Set<String> CARRIERS = Set.of("carrier-a", "carrier-b");

    static void assertRefused(String text, PlanFormat format, int line, String fragment) {
        PlanImportException e = assertThrows(PlanImportException.class,
                () -> PlanFiles.read(text, format, "carrier-b", CARRIERS));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void csvWithSettingsQuotedRegexesAndComments() throws Exception {
        NumberingPlan p = PlanFiles.read("""
                # carrier-b's plan
                carrier,direction,field,match,replace
                carrier-b,setting,region,US,
                carrier-b,setting,outbound_format,national,
                carrier-b,inbound,dialled,"^(\\d{1,3})#",""
                carrier-b,outbound,both,^,"9,9"
                """, PlanFormat.CSV, "carrier-b", CARRIERS);
        assertEquals("US", p.region());
        assertEquals(NumberingPlan.OutboundFormat.NATIONAL, p.outboundFormat());
        assertEquals(List.of("^(\\d{1,3})#", "^"), p.rules().stream().map(r -> r.match().pattern()).toList());
        assertEquals("9,9", p.rules().get(1).replace());
        assertEquals(NumberRule.Field.BOTH, p.rules().get(1).field());
    }

    @Test
    void exportThenImportGivesTheSamePlanInBothFormats() throws Exception {
        NumberingPlan p = new NumberingPlan("carrier-b", "DE", NumberingPlan.OutboundFormat.INTERNATIONAL_00,
                NumberingPlan.InvalidNumbers.REJECT, List.of(NumberRule.parse("inbound", "caller", "^'a,\"b", "$0x"),
                NumberRule.parse("outbound", "dialled", "^(\\d+)$", "\\$$1")));
        for (PlanFormat f : PlanFormat.values()) {
            NumberingPlan back = PlanFiles.read(PlanFiles.write(p, f), f, "carrier-b", CARRIERS);
            assertEquals(PlanFiles.write(p, f), PlanFiles.write(back, f), f.name());
        }
    }

    @Test
    void aRegexThatDoesNotCompileIsRefusedWithItsLine() {
        assertRefused("carrier,direction,field,match,replace\ncarrier-b,setting,region,GB,\n"
                + "carrier-b,inbound,dialled,^(44,+44\n", PlanFormat.CSV, 3, "not a valid regular expression");
        assertRefused("region: GB\nrules:\n  - direction: inbound\n    match: '[0-'\n", PlanFormat.YAML, 3,
                "not a valid regular expression");
    }

    @Test
    void anUnknownRegionIsRefused() {
        assertRefused("carrier,direction,field,match,replace\ncarrier-b,setting,region,ZZ,\n", PlanFormat.CSV, 2,
                "'ZZ'");
        assertRefused("region: QQ\n", PlanFormat.YAML, 1, "'QQ'");
    }

    @Test
    void aRowNamingAnUnknownOrAnotherCarrierIsRefused() {
        assertRefused("carrier,direction,field,match,replace\ncarrier-b,setting,region,GB,\n"
                + "carrier-z,inbound,dialled,^0,+\n", PlanFormat.CSV, 3, "unknown carrier 'carrier-z'");
        assertRefused("carrier: carrier-a\nregion: GB\n", PlanFormat.YAML, 1, "names carrier 'carrier-a'");
    }

    @Test
    void shapeMistakes() {
        assertRefused("carrier,match\n", PlanFormat.CSV, 1, "header");
        assertRefused("carrier,direction,field,match,replace\ncarrier-b,inbound,dialled\n", PlanFormat.CSV, 2,
                "expected 5 fields");
        assertRefused("region: GB\nrulez: []\n", PlanFormat.YAML, 2, "unknown key 'rulez'");
        assertRefused("rules: []\n", PlanFormat.YAML, 0, "no region");
        assertRefused("region: GB\nrules:\n  - direction: sideways\n    match: x\n", PlanFormat.YAML, 3,
                "'sideways'");
    }
}
