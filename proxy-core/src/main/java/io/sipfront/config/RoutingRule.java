package io.sipfront.config;

import java.util.regex.Pattern;

/**
 * One routing rule. Every condition given must hold; a missing one matches anything.
 *
 * @param name        names the rule in the audit trail and the API
 * @param number      regex the dialled number (user part of the Request-URI) must match entirely, or null
 * @param source      {@code platform}, {@code carrier} (any carrier), a carrier name, or null for any source
 * @param headerName  a header that must be present with a value matching {@code headerValue}, or null
 * @param headerValue regex for that header's value (whole value), or null
 * @param trunkGroup  the trunk group the call goes to
 */
public record RoutingRule(String name, Pattern number, String source, String headerName, Pattern headerValue,
                          String trunkGroup) {
}
