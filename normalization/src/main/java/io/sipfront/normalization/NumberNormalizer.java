package io.sipfront.normalization;

import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.sipfront.normalization.config.NumberRule.Direction;
import io.sipfront.normalization.config.NumberRule;
import io.sipfront.normalization.config.NumberingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Applies one carrier's plan to one number. Inbound: separators stripped, the plan's inbound steps, then a parse in
 * the carrier's region to E.164 with {@code +}. Outbound: a parse (the platform sends E.164; anything national is
 * read in the carrier's region), the carrier's format, then the plan's outbound steps (tech prefixes and the like).
 * Pure and thread-safe.
 */
public final class NumberNormalizer {
    /** Not numbers but legitimate callers (RFC 3323 anonymity, carriers' "withheld"): left as they are. */
    private static final java.util.Set<String> PRIVACY_USERS = java.util.Set.of("anonymous", "restricted",
            "unavailable", "unknown", "private", "withheld");

    /** Longer user parts are not numbers; capped before any operator regex sees them. */
    static final int MAX_LENGTH = 64;

    public Normalized normalize(NumberingPlan plan, Direction direction, NumberField field, String number) {
        List<String> fired = new ArrayList<>();
        if (number == null || number.isEmpty() || number.length() > MAX_LENGTH) {
            return new Normalized(number == null ? "" : number, false, fired);
        }
        if (field == NumberField.CALLER && PRIVACY_USERS.contains(number.toLowerCase(Locale.ROOT))) {
            return new Normalized(number, true, fired);
        }
        String n = PhoneNumbers.stripSeparators(number);
        if (direction == Direction.INBOUND) {
            n = applyRules(plan, direction, field, n, fired);
            Optional<PhoneNumber> parsed = PhoneNumbers.parse(n, plan.region());
            if (parsed.isEmpty()) {
                return new Normalized(number, false, fired);
            }
            String e164 = PhoneNumbers.e164(parsed.get());
            if (!e164.equals(n)) {
                fired.add("e164 (" + plan.region() + ")");
            }
            return new Normalized(e164, true, fired);
        }
        Optional<PhoneNumber> parsed = PhoneNumbers.parse(n, plan.region());
        if (parsed.isEmpty()) {
            return new Normalized(number, false, fired);
        }
        String formatted = PhoneNumbers.format(parsed.get(), plan.outboundFormat(), plan.region());
        if (!formatted.equals(n)) {
            fired.add(plan.outboundFormat().text() + " (" + plan.region() + ")");
        }
        return new Normalized(applyRules(plan, direction, field, formatted, fired), true, fired);
    }

    private static String applyRules(NumberingPlan plan, Direction direction, NumberField field, String number,
                                     List<String> fired) {
        String n = number;
        List<NumberRule> rules = plan.rules();
        for (int i = 0; i < rules.size(); i++) {
            NumberRule rule = rules.get(i);
            if (!rule.appliesTo(direction, field.ruleField)) {
                continue;
            }
            Matcher m = rule.match().matcher(n);
            if (m.find()) {
                n = m.replaceAll(rule.replace());
                fired.add("rule " + (i + 1) + " (" + rule.directionName() + " " + rule.fieldName() + " "
                        + rule.match().pattern() + " -> " + rule.replace() + ")");
            }
        }
        return n;
    }
}
