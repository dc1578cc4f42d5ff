package io.sipfront.normalization.config;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One regex match/replace step of a carrier's numbering plan. Steps run in order, each on the previous one's output;
 * a step whose pattern does not match leaves the number alone.
 *
 * @param replace a {@link java.util.regex.Matcher#replaceAll} replacement: {@code $1} is the first group
 */
public record NumberRule(Direction direction, Field field, Pattern match, String replace) {
    /** Inbound: carrier → platform, before the E.164 parse. Outbound: platform → carrier, after formatting. */
    public enum Direction { INBOUND, OUTBOUND }

    /** Dialled: Request-URI and To user. Caller: From, P-Asserted-Identity and Remote-Party-ID user. */
    public enum Field { DIALLED, CALLER, BOTH }

    public boolean appliesTo(Direction d, Field f) {
        return direction == d && (field == Field.BOTH || field == f);
    }

    /** Builds a rule from its text form; the message of the exception says what is wrong. */
    public static NumberRule parse(String direction, String field, String match, String replace) {
        Direction d = parseEnum(Direction.class, direction, "direction", "inbound or outbound");
        Field f = parseEnum(Field.class, field == null || field.isEmpty() ? "both" : field, "field",
                "dialled, caller or both");
        if (match == null || match.isEmpty()) {
            throw new IllegalArgumentException("match: a regular expression is required");
        }
        Pattern p;
        try {
            p = Pattern.compile(match);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("match: '" + match + "' is not a valid regular expression: "
                    + e.getDescription());
        }
        String r = replace == null ? "" : replace;
        checkReplacement(r, p.matcher("").groupCount());
        return new NumberRule(d, f, p, r);
    }

    /** Catches {@code $3} with two groups at load time, not on a live call. */
    private static void checkReplacement(String replace, int groups) {
        for (int i = 0; i < replace.length(); i++) {
            char c = replace.charAt(i);
            if (c == '\\') {
                i++;
                if (i >= replace.length()) {
                    throw new IllegalArgumentException("replace: '" + replace + "' ends with a lone backslash");
                }
            } else if (c == '$') {
                int j = i + 1;
                while (j < replace.length() && Character.isDigit(replace.charAt(j))) {
                    j++;
                }
                if (j == i + 1) {
                    throw new IllegalArgumentException("replace: '" + replace + "' has a '$' not followed by a"
                            + " group number (write \\$ for a literal dollar)");
                }
                int group = Integer.parseInt(replace.substring(i + 1, Math.min(j, i + 3)));
                if (group > groups) {
                    throw new IllegalArgumentException("replace: '" + replace + "' refers to group " + group
                            + " but the pattern has " + groups);
                }
                i = j - 1;
            }
        }
    }

    public String directionName() {
        return direction.name().toLowerCase(Locale.ROOT);
    }

    public String fieldName() {
        return field.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String what, String allowed) {
        if (text != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().replace('_', '-').equalsIgnoreCase(text)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException(what + ": '" + text + "' is not one of " + allowed);
    }

    /** Rules are equal when written the same: a Pattern compares by identity, so its source text is compared. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NumberRule r && direction == r.direction && field == r.field
                && match.pattern().equals(r.match.pattern()) && match.flags() == r.match.flags()
                && java.util.Objects.equals(replace, r.replace);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(direction, field, match.pattern(), replace);
    }
}
