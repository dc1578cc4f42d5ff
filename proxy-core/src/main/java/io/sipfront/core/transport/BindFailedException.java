package io.sipfront.core.transport;

import io.sipfront.config.ListenAddress;

/**
 * A listen address could not be bound at start-up. The message names the address and the reason as the
 * operating system gave it, e.g. {@code cannot bind udp:127.0.0.1:5060: Address already in use}.
 */
public final class BindFailedException extends RuntimeException {
    private final transient ListenAddress address;

    public BindFailedException(ListenAddress address, Throwable cause) {
        super("cannot bind " + address + ": " + reason(cause), cause);
        this.address = address;
    }

    public ListenAddress address() {
        return address;
    }

    /** The OS reason without Netty's native-call prefix ({@code "bind(..) failed: "}). */
    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        if (message == null) {
            return cause.getClass().getSimpleName();
        }
        int prefixEnd = message.indexOf("failed: ");
        return prefixEnd >= 0 ? message.substring(prefixEnd + "failed: ".length()) : message;
    }
}
