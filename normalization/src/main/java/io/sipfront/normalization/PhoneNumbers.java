package io.sipfront.normalization;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.sipfront.normalization.config.NumberingPlan.OutboundFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * libphonenumber behind the two questions normalization asks: what is this number in E.164, given the carrier's
 * region; and how does a carrier in that region want it written.
 *
 * <p>Plausibility is {@code isPossibleNumber} (length per country), not {@code isValidNumber}: range metadata lags
 * real allocations, and a proxy must not refuse a new range.
 */
public final class PhoneNumbers {
    /** Digits with an optional leading +; libphonenumber would also accept letters (1-800-FLOWERS): we do not. */
    private static final Pattern DIALLABLE = Pattern.compile("\\+?[0-9]{1,20}");
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** Removes the visual separators people and some carriers write: spaces, dashes, dots, parentheses. */
    public static String stripSeparators(String number) {
        StringBuilder b = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                b.append(c);
            }
        }
        return b.toString();
    }

    public static boolean isDiallable(String number) {
        return DIALLABLE.matcher(number).matches();
    }

    /** The parsed number if it is diallable and possible in its country; national numbers read in {@code region}. */
    public static Optional<PhoneNumber> parse(String number, String region) {
        if (!isDiallable(number)) {
            return Optional.empty();
        }
        try {
            PhoneNumber n = UTIL.parse(number, region);
            return UTIL.isPossibleNumber(n) ? Optional.of(n) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    public static String e164(PhoneNumber n) {
        return UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    /** {@code n} as a carrier in {@code region} wants it, digits only (and a leading + for E.164). */
    public static String format(PhoneNumber n, OutboundFormat format, String region) {
        String e164 = e164(n);
        return switch (format) {
            case E164 -> e164;
            case E164_NO_PLUS -> e164.substring(1);
            case INTERNATIONAL_00 -> "00" + e164.substring(1);
            case NATIONAL -> national(n, region);
        };
    }

    /** National format for a number of the carrier's own country; how to dial abroad from there otherwise. */
    private static String national(PhoneNumber n, String region) {
        String text = n.getCountryCode() == UTIL.getCountryCodeForRegion(region)
                ? UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.NATIONAL)
                : UTIL.formatOutOfCountryCallingNumber(n, region);
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || (c == '+' && digits.length() == 0)) {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    public static boolean isSupportedRegion(String region) {
        return UTIL.getSupportedRegions().contains(region);
    }
}
