package io.sipfront.normalization;

import gov.nist.javax.sip.message.SIPRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipfront.core.proxy.RequestRewriter;
import io.sipfront.normalization.config.NumberRule.Direction;
import io.sipfront.normalization.config.NumberingPlan;
import java.text.ParseException;
import java.util.ListIterator;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.HeaderAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Number normalization on the proxy's call path: rewrites the user parts of the Request-URI and To (the dialled
 * number) and of From, P-Asserted-Identity and Remote-Party-ID (the caller) by the plan of the carrier, read from
 * the {@link PlanCache} (memory only). Display names, URI parameters, tags and every other header stay as they are.
 * A carrier without a plan passes untouched.
 */
public final class SipNumberRewriter implements RequestRewriter {
    private static final Logger log = LoggerFactory.getLogger(SipNumberRewriter.class);
    static final String PAI = "P-Asserted-Identity";
    static final String RPID = "Remote-Party-ID";
    /** The user part of the URI in a Remote-Party-ID value, which JAIN-SIP keeps as unparsed text. */
    private static final Pattern RPID_USER = Pattern.compile("(<\\s*(?:sips?|tel):)([^@;>]+)");

    private final PlanCache plans;
    private final NumberNormalizer normalizer = new NumberNormalizer();
    private final MeterRegistry meters;
    private final ConcurrentMap<String, Counter> invalidCounters = new ConcurrentHashMap<>();

    public SipNumberRewriter(PlanCache plans, MeterRegistry meters) {
        this.plans = plans;
        this.meters = meters;
    }

    @Override
    public Rewrite inbound(SIPRequest request, String carrier) {
        return rewrite(request, carrier, Direction.INBOUND);
    }

    @Override
    public Rewrite outbound(SIPRequest request, String carrier) {
        return rewrite(request, carrier, Direction.OUTBOUND);
    }

    private Rewrite rewrite(SIPRequest request, String carrier, Direction direction) {
        NumberingPlan plan = plans.plan(carrier);
        if (plan == null) {
            return new Rewrite.Forward(request);
        }
        try {
            Job job = new Job(plan, direction, request.getCallId() == null ? "" : request.getCallId().getCallId());
            if (!job.uri(request.getRequestURI(), NumberField.DIALLED)
                    || !job.address(request.getTo() == null ? null : request.getTo().getAddress(), NumberField.DIALLED)
                    || !job.address(request.getFrom() == null ? null : request.getFrom().getAddress(),
                            NumberField.CALLER)
                    || !job.identities(request, PAI) || !job.identities(request, RPID)) {
                return new Rewrite.Reject(job.rejected.rejectStatus, job.rejected.rejectReason);
            }
        } catch (ParseException e) {
            // A user part JAIN-SIP will not take back: forward as received rather than fail the call.
            log.warn("numbering for {} ({}) left a request unchanged: {}", carrier, direction, e.getMessage());
        }
        return new Rewrite.Forward(request);
    }

    /** One request's rewrite; the methods answer false once a number is rejected. */
    private final class Job {
        final NumberingPlan plan;
        final Direction direction;
        final String callId;
        NumberField rejected;

        Job(NumberingPlan plan, Direction direction, String callId) {
            this.plan = plan;
            this.direction = direction;
            this.callId = callId;
        }

        boolean address(Address address, NumberField field) throws ParseException {
            return address == null || uri(address.getURI(), field);
        }

        boolean uri(URI uri, NumberField field) throws ParseException {
            if (uri instanceof SipURI sip) {
                String user = sip.getUser();
                if (user == null) {
                    return true; // no number to normalize (sip:host)
                }
                String out = number(user, field);
                if (out == null) {
                    return false;
                }
                sip.setUser(out);
            } else if (uri instanceof TelURL tel) {
                String in = (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
                String out = number(in, field);
                if (out == null) {
                    return false;
                }
                tel.setGlobal(out.startsWith("+"));
                tel.setPhoneNumber(out.startsWith("+") ? out.substring(1) : out);
            }
            return true;
        }

        boolean identities(SIPRequest request, String name) throws ParseException {
            ListIterator<?> it = request.getHeaders(name);
            while (it != null && it.hasNext()) {
                Object h = it.next();
                if (h instanceof HeaderAddress ha) {
                    if (!address(ha.getAddress(), NumberField.CALLER)) {
                        return false;
                    }
                } else if (h instanceof ExtensionHeader ext && ext.getValue() != null) {
                    Matcher m = RPID_USER.matcher(ext.getValue());
                    if (m.find()) {
                        String out = number(m.group(2), NumberField.CALLER);
                        if (out == null) {
                            return false;
                        }
                        ext.setValue(ext.getValue().substring(0, m.start(2)) + out + ext.getValue().substring(m.end(2)));
                    }
                }
            }
            return true;
        }

        /** The user part to write, or null when the number is rejected. User parameters ({@code ;npdi}) stay. */
        String number(String user, NumberField field) {
            int semi = user.indexOf(';');
            String number = semi < 0 ? user : user.substring(0, semi);
            Normalized n = normalizer.normalize(plan, direction, field, number);
            if (!n.valid()) {
                boolean reject = plan.invalidNumbers() == NumberingPlan.InvalidNumbers.REJECT;
                invalid(field, reject).increment();
                log.warn("invalid {} number '{}' for carrier {} ({}), call {}: {}", field.label(), number,
                        plan.carrier(), direction.name().toLowerCase(Locale.ROOT), callId,
                        reject ? "rejected with " + field.rejectStatus : "passed unchanged");
                if (reject) {
                    rejected = field;
                    return null;
                }
                return user;
            }
            return semi < 0 ? n.number() : n.number() + user.substring(semi);
        }

        private Counter invalid(NumberField field, boolean reject) {
            String action = reject ? "rejected" : "passed";
            String key = plan.carrier() + '|' + direction + '|' + field + '|' + action;
            return invalidCounters.computeIfAbsent(key, k -> Counter.builder("sipfront.numbering.invalid")
                    .description("numbers that could not be made valid, by carrier, direction, field and action")
                    .tag("carrier", plan.carrier()).tag("direction", direction.name().toLowerCase(Locale.ROOT))
                    .tag("field", field.label()).tag("action", action).register(meters));
        }
    }
}
