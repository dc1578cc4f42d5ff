package io.sipfront.config;

/** UDP/TCP port numbers written after a colon. */
public final class Ports {
    static final int MIN = 1;
    static final int MAX = 65535;

    private Ports() {
    }

    public static int parse(String text) throws InvalidValueException {
        if (text.isEmpty()) {
            throw new InvalidValueException("the port after ':' is empty");
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidValueException("port '" + text + "' is not a number");
        }
        long port = text.length() > 9 ? Long.MAX_VALUE : Long.parseLong(text);
        if (port < MIN || port > MAX) {
            throw new InvalidValueException("port " + text + " is out of range " + MIN + ".." + MAX);
        }
        return (int) port;
    }
}
