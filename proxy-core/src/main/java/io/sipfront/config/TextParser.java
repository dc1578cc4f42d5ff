package io.sipfront.config;

/** Turns the text of one config value into its typed form. */
@FunctionalInterface
interface TextParser<T> {
    T parse(String text) throws InvalidValueException;
}
