package io.sipfront.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.normalization.config.NumberRule.Direction;
import io.sipfront.normalization.config.NumberRule;
import io.sipfront.normalization.config.NumberingPlan.InvalidNumbers;
import io.sipfront.normalization.config.NumberingPlan.OutboundFormat;
import io.sipfront.normalization.config.NumberingPlan;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule kind and libphonenumber's parse and format, on UK, US and German numbers in the forms carriers use. */
class NumberNormalizerTest {
    private final NumberNormalizer n = new NumberNormalizer();

    static NumberingPlan plan(String region, OutboundFormat format, NumberRule... rules) {
        return new NumberingPlan("carrier-x", region, format, InvalidNumbers.PASS, List.of(rules));
    }

    private String inbound(String region, String number) {
        Normalized r = n.normalize(plan(region, OutboundFormat.E164), Direction.INBOUND, NumberField.DIALLED, number);
        assertTrue(r.valid(), () -> number + " in " + region + " should be valid");
        return r.number();
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "GB | 020 7946 0000      | +442079460000",
            "GB | 02079460000        | +442079460000",
            "GB | +44 20 7946 0000   | +442079460000",
            "GB | 0044 20 7946 0000  | +442079460000",
            "GB | 00442079460000     | +442079460000",
            "GB | 07700-900123       | +447700900123",
            "US | (212) 555-0123     | +12125550123",
            "US | 212-555-0123       | +12125550123",
            "US | 1 212 555 0123     | +12125550123",
            "US | 011 44 20 7946 0000 | +442079460000",
            "US | +1.212.555.0123    | +12125550123",
            "DE | 030 12345678       | +493012345678",
            "DE | 0049 30 12345678   | +493012345678",
            "DE | +49-30-12345678    | +493012345678",
            "GB | 0049 30 12345678   | +493012345678",
    })
    void inboundNumbersBecomeE164(String region, String number, String expected) {
        assertEquals(expected, inbound(region, number));
    }

    @ParameterizedTest(name = "{0} {1}: {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "GB | e164             | +442079460000 | +442079460000",
            "GB | e164-no-plus     | +442079460000 | 442079460000",
            "GB | international-00 | +442079460000 | 00442079460000",
            "GB | national         | +442079460000 | 02079460000",
            "GB | national         | +12125550123  | 0012125550123",
            "US | national         | +12125550123  | 2125550123",
            "US | national         | +442079460000 | 011442079460000",
            "DE | national         | +493012345678 | 03012345678",
            "DE | international-00 | +12125550123  | 0012125550123",
    })
    void outboundNumbersTakeTheCarriersFormat(String region, String format, String number, String expected) {
        Normalized r = n.normalize(plan(region, NumberingPlan.parseFormat(format)), Direction.OUTBOUND,
                NumberField.DIALLED, number);
        assertTrue(r.valid());
        assertEquals(expected, r.number());
    }

    @Test
    void inboundRulesRunInOrderBeforeTheParseAndSayWhichFired() {
        NumberingPlan p = plan("GB", OutboundFormat.E164,
                NumberRule.parse("inbound", "dialled", "^9999", ""),       // strip a tech prefix
                NumberRule.parse("inbound", "caller", "^X", "+"),          // caller only: never fires here
                NumberRule.parse("outbound", "dialled", "^", "8888"));     // outbound only
        Normalized r = n.normalize(p, Direction.INBOUND, NumberField.DIALLED, "999902079460000");
        assertEquals("+442079460000", r.number());
        assertEquals(List.of("rule 1 (inbound dialled ^9999 -> )", "e164 (GB)"), r.fired());
    }

    @Test
    void outboundRulesRunAfterFormattingSoATechPrefixCanBeAdded() {
        NumberingPlan p = plan("GB", OutboundFormat.E164_NO_PLUS,
                NumberRule.parse("outbound", "dialled", "^(44)(\\d+)$", "1234#$1$2"));
        Normalized dialled = n.normalize(p, Direction.OUTBOUND, NumberField.DIALLED, "+442079460000");
        assertEquals("1234#442079460000", dialled.number());
        assertEquals(2, dialled.fired().size(), dialled.fired().toString());
        Normalized caller = n.normalize(p, Direction.OUTBOUND, NumberField.CALLER, "+442079460000");
        assertEquals("442079460000", caller.number(), "a dialled-only rule leaves the caller alone");
    }

    @Test
    void aRuleForBothFieldsAppliesToTheCallerToo() {
        NumberingPlan p = plan("GB", OutboundFormat.E164, NumberRule.parse("inbound", "both", "^00", "+"));
        Normalized r = n.normalize(p, Direction.INBOUND, NumberField.CALLER, "00442071234567");
        assertEquals("+442071234567", r.number());
        assertEquals(List.of("rule 1 (inbound both ^00 -> +)"), r.fired(), "already E.164 after the rule");
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "''",
            "abc",
            "0800-FLOWERS",
            "12",
            "+",
            "+44",
            "44 20 7946 0000 0000 0000 0000",
            "020 7946 0000;phone",
            "1234567890123456789012345678901234567890123456789012345678901234567890",
    })
    void numbersThatCannotBeMadeValidAreReportedUnchanged(String number) {
        Normalized r = n.normalize(plan("GB", OutboundFormat.E164), Direction.INBOUND, NumberField.DIALLED, number);
        assertFalse(r.valid(), () -> "'" + number + "' must be invalid, got " + r);
        assertEquals(number, r.number());
    }

    @Test
    void outboundInvalidNumbersAreReportedUnchanged() {
        Normalized r = n.normalize(plan("GB", OutboundFormat.INTERNATIONAL_00), Direction.OUTBOUND,
                NumberField.DIALLED, "sales");
        assertFalse(r.valid());
        assertEquals("sales", r.number());
    }

    @Test
    void anonymousCallersAreLeftAloneAndNotInvalid() {
        Normalized r = n.normalize(plan("GB", OutboundFormat.E164), Direction.INBOUND, NumberField.CALLER,
                "Anonymous");
        assertTrue(r.valid());
        assertEquals("Anonymous", r.number());
        assertTrue(r.fired().isEmpty());
    }

    @Test
    void anAlreadyNormalNumberFiresNothing() {
        Normalized r = n.normalize(plan("GB", OutboundFormat.E164), Direction.INBOUND, NumberField.DIALLED,
                "+442079460000");
        assertEquals("+442079460000", r.number());
        assertTrue(r.fired().isEmpty(), r.fired().toString());
    }
}
