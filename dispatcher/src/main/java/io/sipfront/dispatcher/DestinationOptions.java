package io.sipfront.dispatcher;

/**
 * How requests to one destination are addressed and identified, beyond where the packets go.
 *
 * @param domain             the host of the destination URI as written (a DNS name, or an IP literal): the name a TLS
 *                           peer's certificate must carry (RFC 5922) and the Request-URI host; null: the address
 * @param sips               the URI is {@code sips:} (TLS all the way, RFC 5630)
 * @param addressInRequestUri put the resolved address rather than {@link #domain} into the Request-URI, for peers
 *                           that identify trunks by address
 * @param tgrp               RFC 4904 {@code tgrp} Request-URI parameter, or null
 * @param trunkContext       RFC 4904 {@code trunk-context}, or null (required with {@code tgrp})
 * @param headerName         a header added to every initial INVITE sent there (trunk identification), or null
 * @param headerValue        its value
 * @param srtpRequiresTls    an SDP carrying SRTP keys ({@code a=crypto}) is never sent over an unencrypted leg: the
 *                           attempt is refused with 488 and the call goes on to the next destination
 * @param parent             the configured destination this one was found from (an SRV target), or null
 * @param explicitPort       the URI names a port (RFC 3263: A/AAAA only, no SRV)
 * @param explicitTransport  the URI names a transport (RFC 3263: SRV for it, no NAPTR)
 */
public record DestinationOptions(String domain, boolean sips, boolean addressInRequestUri, String tgrp,
                                 String trunkContext, String headerName, String headerValue,
                                 boolean srtpRequiresTls, String parent, boolean explicitPort,
                                 boolean explicitTransport) {
    public static final DestinationOptions NONE =
            new DestinationOptions(null, false, false, null, null, null, null, false, null, false, false);

    public DestinationOptions {
        if ((headerName == null) != (headerValue == null)) {
            throw new IllegalArgumentException("a trunk header needs both a name and a value");
        }
        if (tgrp != null && trunkContext == null) {
            throw new IllegalArgumentException("tgrp needs trunk-context (RFC 4904 §5)");
        }
    }

    /** The same options for an SRV target found from the destination {@code parentId}. */
    public DestinationOptions withParent(String parentId) {
        return new DestinationOptions(domain, sips, addressInRequestUri, tgrp, trunkContext, headerName, headerValue,
                srtpRequiresTls, parentId, explicitPort, explicitTransport);
    }
}
