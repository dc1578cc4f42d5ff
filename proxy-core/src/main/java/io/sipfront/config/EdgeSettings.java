package io.sipfront.config;

import java.util.List;

/**
 * The {@code edge} section: what protects the public SIP port (docs/operations.md, "Edge protection").
 *
 * @param enabled          false when the file has no {@code edge} section: nothing is counted, banned or limited
 * @param trusted          never counted, banned or limited, like the platform (which always is)
 * @param flood            the ban of unknown sources that send too much
 * @param scannerAgents    User-Agent substrings (lower case) whose requests from unknown sources get no answer; empty: off
 * @param forbiddenPerSecond 403s sent to unknown sources, all together, per second (the bucket holds one second's worth)
 * @param retryAfterSeconds  the Retry-After of a 503 for a limit (carrier flood, calls per second, concurrent calls)
 * @param carriers         limits of carriers by name (carriers not listed: none)
 * @param trunkGroups      limits of inbound calls by the trunk group routing chose
 * @param fixNatedContact  sources behind NAT: the Contact of their requests and responses gets the received address
 * @param tcpKeepaliveSeconds RFC 5626 CRLF keep-alives on TCP connections Sipfront opened, every this many seconds;
 *                         0: none
 */
public record EdgeSettings(boolean enabled, List<AddressMatch> trusted, Flood flood, List<String> scannerAgents,
                           int forbiddenPerSecond, int retryAfterSeconds, List<Limits> carriers,
                           List<Limits> trunkGroups, List<AddressMatch> fixNatedContact, int tcpKeepaliveSeconds) {
    /** The common SIP scanners' User-Agents (SIPVicious, sipcli, sip-scan, VaxSIP, pplsip, ...). */
    public static final List<String> DEFAULT_SCANNERS = List.of("friendly-scanner", "sipvicious", "sipcli", "sip-scan",
            "sipsak", "vaxsipuseragent", "pplsip", "sundayddr", "iwar", "sivus", "smap", "nmap", "sip-cli",
            "voipbuster");

    public static final EdgeSettings OFF = new EdgeSettings(false, List.of(), Flood.OFF, List.of(), 0, 0, List.of(),
            List.of(), List.of(), 0);

    public EdgeSettings {
        trusted = List.copyOf(trusted);
        scannerAgents = List.copyOf(scannerAgents);
        carriers = List.copyOf(carriers);
        trunkGroups = List.copyOf(trunkGroups);
        fixNatedContact = List.copyOf(fixNatedContact);
    }

    /** Limits of the carrier {@code name}, or null. */
    public Limits carrier(String name) {
        return find(carriers, name);
    }

    /** Limits of the trunk group {@code name}, or null. */
    public Limits trunkGroup(String name) {
        return find(trunkGroups, name);
    }

    private static Limits find(List<Limits> list, String name) {
        for (Limits l : list) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    /**
     * Counting of unknown sources' requests (like Kamailio's pike).
     *
     * @param windowMs    the sliding window
     * @param maxRequests more than this many in one window bans an unknown source; 0: no ban
     * @param banMs       how long a ban lasts after the source last went over the threshold
     * @param tableSize   sources tracked at once; the least recently seen make room for new ones
     */
    public record Flood(long windowMs, int maxRequests, long banMs, int tableSize) {
        public static final Flood OFF = new Flood(2000, 0, 60_000, 1024);
    }

    /**
     * Limits of one carrier or trunk group. 0 means no limit.
     *
     * @param maxRequests        requests per flood window from the carrier's addresses; beyond: 503 (or a ban)
     * @param banOverLimit       a carrier over {@code maxRequests} is banned like an unknown source instead of 503
     * @param callsPerSecond     new inbound calls per second (a token bucket)
     * @param burst              calls the bucket holds: at most one second's worth
     * @param maxConcurrentCalls inbound calls from INVITE accepted (kept from 2xx to BYE)
     */
    public record Limits(String name, int maxRequests, boolean banOverLimit, int callsPerSecond, int burst,
                         int maxConcurrentCalls) {
    }
}
