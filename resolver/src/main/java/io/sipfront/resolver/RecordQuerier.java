package io.sipfront.resolver;

import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Name;

/**
 * Asks the DNS one question. Completes with a positive or negative {@link RecordAnswer}, or exceptionally
 * with a {@link DnsUnavailableException} when no resolver gave an answer. The seam between our cache and
 * dnsjava, so the cache and RFC 3263 logic are tested without sockets.
 */
@FunctionalInterface
interface RecordQuerier {
    CompletionStage<RecordAnswer> query(Name name, int type);
}
