package io.sipfront.config;

/**
 * Input limits that keep one peer from exhausting the proxy.
 *
 * @param maxMessageBytes          largest message accepted (default 65536); larger: 513 or dropped
 * @param maxHeaders               most header lines in one message (default 256)
 * @param maxConnectionsPerSource  most TCP connections from one source IP (default 128)
 * @param tcpIdleTimeoutMs         a TCP connection with no traffic for this long is closed (default 120000)
 */
public record LimitSettings(int maxMessageBytes, int maxHeaders, int maxConnectionsPerSource, long tcpIdleTimeoutMs) {
    public static final LimitSettings DEFAULTS = new LimitSettings(65536, 256, 128, 120_000);
}
