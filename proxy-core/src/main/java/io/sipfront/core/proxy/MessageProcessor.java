package io.sipfront.core.proxy;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.transaction.ServerTransaction;
import io.sipfront.core.transaction.TransactionKeys;
import io.sipfront.core.transport.InboundMessage;
import java.text.ParseException;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the proxy does with one parsed message, on the lane of its call: checks the source, then hands the message
 * to the class for its kind: ACK, CANCEL, a retransmission, an OPTIONS for us, an in-dialog or an initial request,
 * or a response.
 */
public final class MessageProcessor {
    private static final Logger log = LoggerFactory.getLogger(MessageProcessor.class);

    private final ProxyContext p;
    private final RequestValidation validation;
    private final OptionsForUs optionsForUs;
    private final Acks acks;
    private final Cancels cancels;
    private final InitialRequests initial;
    private final InDialogRequests inDialog;
    private final Responses responses;
    private final NatContacts natContacts;

    public MessageProcessor(ProxyContext p) {
        this.p = p;
        this.validation = new RequestValidation(p);
        this.optionsForUs = new OptionsForUs(p);
        this.initial = new InitialRequests(p);
        OrphanRequests orphans = new OrphanRequests(p, validation);
        this.acks = new Acks(p, orphans);
        this.cancels = new Cancels(p, orphans);
        this.inDialog = new InDialogRequests(p);
        this.responses = new Responses(p);
        this.natContacts = new NatContacts(p.edge());
    }

    /** Handles one message on {@code lane}; never throws. */
    public void handle(Lane lane, Object message, InboundMessage in) {
        try {
            if (message instanceof SIPRequest request) {
                p.stats().requestsReceived.increment();
                onRequest(lane, request, in);
            } else if (message instanceof SIPResponse response) {
                p.stats().responsesReceived.increment();
                natContacts.fix(response, in);
                responses.handle(lane, response, in);
            }
        } catch (RuntimeException | ParseException e) {
            p.stats().internalErrors.increment();
            log.error("failed to handle a message from {}", in.source(), e);
            if (message instanceof SIPRequest request && !Request.ACK.equals(request.getMethod())) {
                LocalResponses.reply(p.sender(), request, in, 500, "Server Internal Error", null);
            }
        }
    }

    private void onRequest(Lane lane, SIPRequest request, InboundMessage in) throws ParseException {
        boolean initialRequest = request.getToTag() == null;
        // A new call may name its carrier by User-Agent or Contact; in-dialog requests carry no Contact, so by address.
        Source source = initialRequest ? p.classifier().classify(in.source(), request)
                : p.classifier().classify(in.source());
        String method = request.getMethod();
        if (!source.known()) {
            p.stats().unknownSource.increment();
            // 403s as a whole are rationed: a stranger's flood must not make Sipfront an amplifier.
            if (!Request.ACK.equals(method) && p.edge().mayForbid()) {
                LocalResponses.reply(p.sender(), request, in, 403, "Forbidden", null);
            }
            return;
        }
        natContacts.fix(request, in);
        NextHops.stampReceived(request.getTopmostVia(), in);
        if (Request.ACK.equals(method)) {
            acks.handle(lane, request, in, source);
            return;
        }
        if (Request.CANCEL.equals(method)) {
            cancels.handle(lane, request, in, source);
            return;
        }
        ServerTransaction existing = lane.transactions().table().server(TransactionKeys.server(request));
        if (existing != null) {
            p.stats().retransmissionsAbsorbed.increment();
            existing.onRetransmission();
            return;
        }
        if (!validation.schemeSupported(request, in)) {
            return;
        }
        if (initialRequest && optionsForUs.matches(request)) {
            optionsForUs.answer(request, in);
            return;
        }
        String loopHash = validation.loopHash(request, initialRequest);
        if (!validation.mayForward(request, in, initialRequest, loopHash)) {
            return;
        }
        if (initialRequest) {
            initial.handle(lane, request, in, source, loopHash);
        } else {
            inDialog.handle(lane, request, in);
        }
    }
}
