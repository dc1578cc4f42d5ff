package io.sipfront.ha.shared;

/**
 * Redis names, all under {@code sipfront:ha:{cluster}:} so several clusters can share one Redis:
 * <ul>
 *   <li>{@code nodes}: set of node ids that ever wrote health;</li>
 *   <li>{@code health:{node}}: hash, one field per destination ({@code set/id}) holding that node's
 *       {@link HealthEntry} as JSON (each node writes only its own hash);</li>
 *   <li>{@code operator}: hash, one field per destination holding the last {@link OperatorEntry};</li>
 *   <li>{@code events}: pub/sub channel announcing every write.</li>
 * </ul>
 */
final class SharedKeys {
    private final String prefix;

    SharedKeys(String cluster) {
        this.prefix = "sipfront:ha:" + cluster + ":";
    }

    String nodes() {
        return prefix + "nodes";
    }

    String health(String node) {
        return prefix + "health:" + node;
    }

    String operator() {
        return prefix + "operator";
    }

    String channel() {
        return prefix + "events";
    }

    /** Set names and ids never hold '/', so "set/id" is unambiguous. */
    static String destinationField(String set, String id) {
        return set + "/" + id;
    }
}
