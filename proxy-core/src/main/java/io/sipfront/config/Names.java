package io.sipfront.config;

import java.util.regex.Pattern;

/**
 * Names of carriers, destination sets and destinations. They end up in logs, metrics labels and
 * admin URLs, hence the narrow alphabet.
 */
public final class Names {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private Names() {
    }

    public static String check(String text) throws InvalidValueException {
        if (!NAME.matcher(text).matches()) {
            throw new InvalidValueException("'" + text + "' is not a valid name: use 1 to 63 characters"
                    + " a-z, 0-9, '_' or '-', starting with a letter or digit");
        }
        return text;
    }
}
