package io.sipfront.core.proxy;

/** Who sent a request, as the configured source addresses say. */
public record Source(Kind kind, String name) {
    public enum Kind { PLATFORM, CARRIER, UNKNOWN }

    public static final Source PLATFORM = new Source(Kind.PLATFORM, "platform");
    public static final Source UNKNOWN = new Source(Kind.UNKNOWN, "unknown");

    public static Source carrier(String name) {
        return new Source(Kind.CARRIER, name);
    }

    public boolean known() {
        return kind != Kind.UNKNOWN;
    }
}
