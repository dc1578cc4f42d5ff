package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.config.AccountSettings;
import io.sipfront.config.AccountsSection;
import io.sipfront.config.RegistrationSettings;
import io.sipfront.config.SipfrontConfig;
import java.util.HashMap;
import java.util.Map;
import javax.sip.address.URI;

/**
 * Calls a registering carrier sends to our registered contact ({@code sip:sipfront-a@sipfront}): their Request-URI
 * names the contact user, and the called number is in To. Before anything else reads the call (numbers, routing),
 * the Request-URI user becomes To's user, so the call looks like any other carrier call and the platform sees the
 * called number.
 */
final class ContactUsers implements RequestRewriter {
    private final Map<String, String> contactUserByCarrier;
    private final RequestRewriter next;

    private ContactUsers(Map<String, String> contactUserByCarrier, RequestRewriter next) {
        this.contactUserByCarrier = contactUserByCarrier;
        this.next = next;
    }

    /** {@code next} alone when no account registers. */
    static RequestRewriter wrap(SipfrontConfig config, RequestRewriter next) {
        Map<String, String> users = new HashMap<>();
        for (AccountSettings a : config.section(AccountsSection.SECTION).all()) {
            a.registration().map(RegistrationSettings::contactUser).ifPresent(u -> users.put(a.carrier(), u));
        }
        return users.isEmpty() ? next : new ContactUsers(Map.copyOf(users), next);
    }

    @Override
    public Rewrite inbound(SIPRequest request, String carrier) {
        String contactUser = carrier == null ? null : contactUserByCarrier.get(carrier);
        if (contactUser != null && request.getRequestURI() instanceof SipUri ruri
                && contactUser.equals(ruri.getUser())) {
            URI to = request.getTo() == null ? null : request.getTo().getAddress().getURI();
            if (to instanceof SipUri toUri && toUri.getUser() != null && !toUri.getUser().isEmpty()) {
                ruri.setUser(toUri.getUser());
            }
        }
        return next.inbound(request, carrier);
    }

    @Override
    public Rewrite outbound(SIPRequest request, String carrier) {
        return next.outbound(request, carrier);
    }
}
