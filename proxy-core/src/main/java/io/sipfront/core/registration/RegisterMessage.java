package io.sipfront.core.registration;

import io.sipfront.config.RegistrationSettings;
import io.sipfront.core.sip.LocalIdentity;
import io.sipfront.net.Transport;
import java.nio.charset.StandardCharsets;

/** The text of one REGISTER (RFC 3261 §10.2): Request-URI the registrar, To and From the AOR, our Contact. */
final class RegisterMessage {
    private RegisterMessage() {
    }

    static String contact(RegistrationSettings r, LocalIdentity identity) {
        return "<sip:" + r.contactUser() + "@" + host(identity.advertisedHost()) + ":" + identity.advertisedPort()
                + (r.transport() == Transport.UDP ? "" : ";transport=" + r.transport().paramName()) + ">";
    }

    /** @param authorization a ready header line without CRLF, or null */
    static byte[] build(RegistrationSettings r, LocalIdentity identity, String branch, String callId, String fromTag,
                        long cseq, int expires, String authorization) {
        String text = "REGISTER " + r.registrarUri() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + r.transport().viaName() + " " + host(identity.advertisedHost()) + ":"
                + identity.advertisedPort() + ";branch=" + branch + node(identity) + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <" + r.aor() + ">;tag=" + fromTag + "\r\n"
                + "To: <" + r.aor() + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: " + contact(r, identity) + "\r\n"
                + "Expires: " + expires + "\r\n"
                + (authorization == null ? "" : authorization + "\r\n")
                + "User-Agent: Sipfront\r\n"
                + "Content-Length: 0\r\n\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * In a cluster the Via names the front address, so the registrar's answer may reach any node: the node
     * parameter lets that node relay it to the registering one (as for the proxied requests' Vias).
     */
    private static String node(LocalIdentity identity) {
        String self = identity.cluster().self();
        return self == null ? "" : ";" + LocalIdentity.NODE_PARAM + "=" + self;
    }

    private static String host(String h) {
        return h.indexOf(':') >= 0 && !h.startsWith("[") ? "[" + h + "]" : h;
    }
}
