package io.sipfront.config;

import java.util.regex.Pattern;

/** SIP header names as RFC 3261 §25.1 spells a token. */
final class HeaderNames {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]{1,64}");

    private HeaderNames() {
    }

    static String check(String text) throws InvalidValueException {
        if (!TOKEN.matcher(text).matches()) {
            throw new InvalidValueException("'" + text + "' is not a SIP header name");
        }
        return text;
    }
}
