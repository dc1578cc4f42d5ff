package io.sipfront.normalization.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How one carrier writes numbers: its default region (for national numbers such as {@code 020 7946 0000}), the
 * format it wants on outbound calls, what to do with numbers that cannot be made valid, and regex steps.
 */
public record NumberingPlan(String carrier, String region, OutboundFormat outboundFormat,
                            InvalidNumbers invalidNumbers, List<NumberRule> rules) {
    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

    public enum OutboundFormat {
        /** {@code +442079460000} */
        E164,
        /** {@code 442079460000} */
        E164_NO_PLUS,
        /** {@code 00442079460000} */
        INTERNATIONAL_00,
        /** {@code 02079460000}: the carrier's own national format (its region's trunk prefix). */
        NATIONAL;

        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Pass: forward the number unchanged. Reject: 484 for a dialled number, 403 for a caller. Both are counted. */
    public enum InvalidNumbers {
        PASS, REJECT;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public NumberingPlan {
        rules = List.copyOf(rules);
    }

    public static OutboundFormat parseFormat(String text) {
        return NumberRule.parseEnum(OutboundFormat.class, text, "outbound_format",
                "e164, e164-no-plus, international-00 or national");
    }

    public static InvalidNumbers parseInvalid(String text) {
        return NumberRule.parseEnum(InvalidNumbers.class, text, "invalid_numbers", "pass or reject");
    }

    /** An ISO 3166 two-letter region, upper case; the message of the exception says what is wrong. */
    public static String parseRegion(String text) {
        if (text == null || !REGIONS.contains(text.toUpperCase(Locale.ROOT)) || text.length() != 2) {
            throw new IllegalArgumentException("region: '" + text + "' is not an ISO 3166 two-letter region code"
                    + " (GB, US, DE, ...)");
        }
        return text.toUpperCase(Locale.ROOT);
    }
}
