package io.sipfront.config;

/**
 * Proxy behaviour switches.
 *
 * @param maxAttempts     most destinations one call is offered to (serial failover), at least 1 (default 3)
 * @param spiralHandling  RFC 3261 §16.3 step 4: when on, a request carrying our own Via is a loop only if its
 *                        loop-detection hash is unchanged (a spiral is forwarded); when off (default) any initial
 *                        request carrying our address in Via or Record-Route gets 482
 */
public record ProxySettings(int maxAttempts, boolean spiralHandling) {
    public static final ProxySettings DEFAULTS = new ProxySettings(3, false);
}
