package io.sipfront.config;

import io.sipfront.dispatcher.DestinationOptions;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a destination tells the peer which trunk a call belongs to (Genesys Cloud BYOC's three ways, docs/operations.md):
 * the FQDN of the URI in the Request-URI (the default; {@code request_uri_host: address} writes the resolved address
 * instead), RFC 4904 {@code tgrp}/{@code trunk_context} Request-URI parameters, or a fixed {@code header}.
 */
final class TrunkIdentification {
    static final List<String> HEADER_KEYS = List.of("name", "value");
    /** RFC 4904 §5: trunk-group = 1*(unreserved / escaped / trunk-group-unreserved). */
    private static final Pattern TGRP = Pattern.compile("[A-Za-z0-9\\-_.!~*'()/\\[\\]&+$]+");
    /** Header values go into a SIP message verbatim: printable, no CR/LF. */
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x20-\\x7e]+");

    private TrunkIdentification() {
    }

    static DestinationOptions read(ConfigMap destination, DestinationUri uri, boolean srtpRequiresTls)
            throws ConfigException {
        boolean address = false;
        if (destination.has("request_uri_host")) {
            ConfigNode node = destination.required("request_uri_host");
            String text = node.asText("name or address");
            if (!text.equals("name") && !text.equals("address")) {
                throw node.error("unknown value '" + text + "'; allowed: name (the URI's host), address");
            }
            address = text.equals("address");
        }
        String tgrp = null;
        String context = null;
        if (destination.has("tgrp") || destination.has("trunk_context")) {
            tgrp = destination.required("tgrp").parse(TrunkIdentification::tgrp, "a trunk group (RFC 4904)");
            context = destination.required("trunk_context").parse(HostNames::check,
                    "a trunk context: a domain name (RFC 4904)");
        }
        String headerName = null;
        String headerValue = null;
        if (destination.has("header")) {
            ConfigMap header = destination.required("header").asMap(HEADER_KEYS);
            headerName = header.required("name").parse(HeaderNames::check, "a header name");
            headerValue = header.required("value").parse(TrunkIdentification::headerValue, "a header value");
        }
        String domain = uri.literal() == null ? uri.host() : null;
        return new DestinationOptions(domain, uri.sips(), address, tgrp, context, headerName, headerValue,
                srtpRequiresTls, null, domain != null && uri.explicitPort(), domain != null && uri.explicitTransport());
    }

    private static String tgrp(String text) throws InvalidValueException {
        if (!TGRP.matcher(text).matches()) {
            throw new InvalidValueException("'" + text + "' is not a valid tgrp value (RFC 4904)");
        }
        return text;
    }

    private static String headerValue(String text) throws InvalidValueException {
        if (!HEADER_VALUE.matcher(text).matches()) {
            throw new InvalidValueException("a header value must be printable ASCII on one line");
        }
        return text;
    }
}
