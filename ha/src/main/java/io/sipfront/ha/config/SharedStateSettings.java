package io.sipfront.ha.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Destination health and operator actions shared between the nodes of a cluster through Redis (the {@code redis}
 * section says how to reach it).
 *
 * @param enabled      false (the default): each node keeps its own view and nothing is written to Redis
 * @param cluster      names the cluster's keys and channel, so several pairs can share one Redis
 * @param nodeId       this node's name, unique in the cluster; its own entries are written under it
 * @param staleAfterMs a peer's entry not refreshed for this long is ignored (the peer is gone or cut off)
 */
public record SharedStateSettings(boolean enabled, String cluster, String nodeId, long staleAfterMs) {
    /** Names used inside Redis keys: short, no spaces, no colons or braces. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final String DEFAULT_CLUSTER = "sipfront";
    public static final long DEFAULT_STALE_AFTER_MS = 30_000;
    public static final SharedStateSettings DISABLED =
            new SharedStateSettings(false, DEFAULT_CLUSTER, null, DEFAULT_STALE_AFTER_MS);

    public SharedStateSettings {
        Objects.requireNonNull(cluster, "cluster");
        if (enabled) {
            Objects.requireNonNull(nodeId, "nodeId");
        }
        if (staleAfterMs <= 0) {
            throw new IllegalArgumentException("staleAfterMs must be > 0");
        }
    }

    /** How often a node rewrites its own entries: three times per staleness bound, so one lost write is harmless. */
    public long refreshMs() {
        return Math.max(100, staleAfterMs / 3);
    }
}
