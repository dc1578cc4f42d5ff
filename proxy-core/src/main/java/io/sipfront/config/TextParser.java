package io.sipfront.config;

/** Turns the text of one config value into its typed form. */
@FunctionalInterface
public interface TextParser<T> {
    T parse(String text) throws InvalidValueException;
}
