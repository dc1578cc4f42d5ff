package io.sipfront.core.proxy;

import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.ProxyRequire;
import gov.nist.javax.sip.header.Unsupported;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.transport.InboundMessage;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.ProxyRequireHeader;

/**
 * RFC 3261 §16.3 checks of a request that is about to be forwarded: Max-Forwards (483), loops (482) and
 * Proxy-Require (420). A request that fails one is answered without a transaction.
 */
final class RequestValidation {
    private final ProxyContext p;
    private final LoopDetector loops;

    RequestValidation(ProxyContext p) {
        this.p = p;
        this.loops = new LoopDetector(p.identity(), p.config().proxy().spiralHandling());
    }

    /** Whether the Request-URI scheme is one we forward; otherwise the request was answered 416. */
    boolean schemeSupported(SIPRequest request, InboundMessage in) {
        String scheme = request.getRequestURI().getScheme();
        if ("sip".equalsIgnoreCase(scheme) || "sips".equalsIgnoreCase(scheme)) {
            return true;
        }
        LocalResponses.reply(p.sender(), request, in, 416, "Unsupported URI Scheme", null);
        return false;
    }

    /** The loop hash to carry in the branches of an initial request (spiral handling), or null. */
    String loopHash(SIPRequest request, boolean initial) {
        return initial ? loops.loopHash(request) : null;
    }

    /** Whether the request may be forwarded; otherwise it was answered 483, 482 or 420. */
    boolean mayForward(SIPRequest request, InboundMessage in, boolean initial, String loopHash) {
        if (request.getMaxForwards() instanceof MaxForwards mf && mf.getMaxForwards() <= 0) {
            p.stats().tooManyHops.increment();
            LocalResponses.reply(p.sender(), request, in, 483, "Too Many Hops", null);
            return false;
        }
        if (initial && loops.isLoop(request, loopHash)) {
            p.stats().loopsDetected.increment();
            LocalResponses.reply(p.sender(), request, in, 482, "Loop Detected", null);
            return false;
        }
        List<String> unsupported = proxyRequire(request);
        if (!unsupported.isEmpty()) {
            LocalResponses.reply(p.sender(), request, in, 420, "Bad Extension", r -> {
                Unsupported u = new Unsupported();
                try {
                    u.setOptionTag(String.join(", ", unsupported));
                } catch (ParseException e) {
                    throw new IllegalStateException(e);
                }
                r.setHeader(u);
            });
            return false;
        }
        return true;
    }

    /** Sipfront implements no proxy extension: every listed option tag is unsupported. */
    private static List<String> proxyRequire(SIPRequest request) {
        List<String> tags = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(ProxyRequireHeader.NAME);
        while (it != null && it.hasNext()) {
            if (it.next() instanceof ProxyRequire pr) {
                tags.add(pr.getOptionTag());
            }
        }
        return tags;
    }
}
