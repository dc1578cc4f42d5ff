package io.sipfront.core.testing;

import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.core.transport.SendFailureListener;
import io.sipfront.core.transport.SipSender;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A SipSender that records what would have gone on the wire, and can refuse addresses like a closed TCP port. */
public final class CapturingSender implements SipSender {
    public record Sent(OutboundTarget target, byte[] bytes) {
        public String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Set<InetSocketAddress> refused = new HashSet<>();

    @Override
    public void send(OutboundTarget target, byte[] bytes, SendFailureListener onFailure) {
        sent.add(new Sent(target, bytes));
        if (refused.contains(target.address())) {
            onFailure.sendFailed(target, new java.net.ConnectException("Connection refused"));
        }
    }

    public void refuse(InetSocketAddress address) {
        refused.add(address);
    }

    public List<Sent> sent() {
        return sent;
    }

    /** Everything sent since the last call, and forgets it. */
    public List<Sent> drain() {
        List<Sent> copy = new ArrayList<>(sent);
        sent.clear();
        return copy;
    }
}
