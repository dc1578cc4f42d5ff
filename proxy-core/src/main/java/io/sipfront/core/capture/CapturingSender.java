package io.sipfront.core.capture;

import io.sipfront.config.ListenAddress;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.core.transport.SendFailureListener;
import io.sipfront.core.transport.SipSender;
import io.sipfront.net.Transport;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Mirrors every message handed to the transport, then sends it: the outbound half of the capture. The source
 * address is the listen address a message of that transport and address family leaves from (the advertised
 * address for a wildcard listener).
 */
public final class CapturingSender implements SipSender {
    private final SipSender next;
    private final HepCapture capture;
    private final List<ListenAddress> listeners;
    private final InetAddress advertised;

    private CapturingSender(SipSender next, HepCapture capture, List<ListenAddress> listeners,
                            InetAddress advertised) {
        this.next = next;
        this.capture = capture;
        this.listeners = List.copyOf(listeners);
        this.advertised = advertised;
    }

    /**
     * {@code next} itself when there is no capture.
     *
     * @param listeners  the bound listen addresses
     * @param advertised the advertised address if it is an IP literal, else null
     */
    public static SipSender of(SipSender next, HepCapture capture, List<ListenAddress> listeners,
                               InetAddress advertised) {
        return capture == null ? next : new CapturingSender(next, capture, listeners, advertised);
    }

    @Override
    public void send(OutboundTarget target, byte[] bytes, SendFailureListener onFailure) {
        capture.capture(bytes, target.transport(), local(target), target.address());
        next.send(target, bytes, onFailure);
    }

    InetSocketAddress local(OutboundTarget target) {
        boolean v4 = target.address().getAddress() instanceof Inet4Address;
        ListenAddress best = null;
        for (ListenAddress l : listeners) {
            if ((l.address() instanceof Inet4Address) == v4) {
                if (l.transport() == target.transport()) {
                    best = l;
                    break;
                }
                if (best == null && l.transport() == Transport.UDP) {
                    best = l;
                }
            }
        }
        if (best == null) {
            return new InetSocketAddress(advertised != null ? advertised : target.address().getAddress(), 0);
        }
        InetAddress host = best.address().isAnyLocalAddress() && advertised != null ? advertised : best.address();
        return new InetSocketAddress(host, best.port());
    }
}
