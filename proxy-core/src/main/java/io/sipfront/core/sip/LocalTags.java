package io.sipfront.core.sip;

/**
 * The To tags Sipfront puts on the final answers it generates itself (400, 403, 408, 416, 420, 482, 483, 487, 500,
 * 503, …). They share a prefix, so the ACK for such an answer is recognised without any state, as Kamailio's
 * {@code sl} module recognises its own tag, and absorbed rather than forwarded: the answer was ours, so is the end
 * of its transaction. The rest of a tag is a hash of the request, so a retransmitted request gets the same tag
 * (RFC 3261 §8.2.6.2).
 */
public final class LocalTags {
    /** No user agent we know of starts its tags so; a clash would only make us absorb one stray ACK. */
    static final String PREFIX = "sf-";

    private LocalTags() {
    }

    /** The tag for an answer to a request whose identifying fields hash to {@code hash}. */
    public static String of(long hash) {
        return PREFIX + Long.toHexString(hash);
    }

    /** Whether {@code tag} (a To tag, possibly null) is one Sipfront generated. */
    public static boolean isLocal(String tag) {
        return tag != null && tag.startsWith(PREFIX);
    }
}
