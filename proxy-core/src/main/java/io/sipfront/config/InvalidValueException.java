package io.sipfront.config;

/**
 * A value that does not parse, with the reason. Thrown by the text parsers, which know nothing
 * about files; {@link ConfigNode#parse} adds the key path and the position.
 */
public final class InvalidValueException extends Exception {
    public InvalidValueException(String reason) {
        super(reason);
    }
}
