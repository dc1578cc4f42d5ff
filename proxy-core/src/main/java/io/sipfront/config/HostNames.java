package io.sipfront.config;

import java.util.regex.Pattern;

/** DNS host name syntax (RFC 1123 labels). */
public final class HostNames {
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern NAME = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*\\.?");
    private static final int MAX_LENGTH = 253;

    private HostNames() {
    }

    public static String check(String text) throws InvalidValueException {
        if (text.isEmpty()) {
            throw new InvalidValueException("the host is empty");
        }
        if (text.length() > MAX_LENGTH || !NAME.matcher(text).matches()) {
            throw new InvalidValueException("'" + text + "' is neither an IP address nor a valid host name");
        }
        return text;
    }
}
