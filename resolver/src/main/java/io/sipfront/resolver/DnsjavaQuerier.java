package io.sipfront.resolver;

import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.ServerFailedException;

/**
 * Questions to the configured DNS servers through dnsjava: a {@code LookupSession} without cache or hosts file
 * (our {@link RecordCache} does the caching) over an {@code ExtendedResolver} that asks the servers in order.
 * Each server gets the query timeout on its own {@code SimpleResolver} (the {@code ExtendedResolver}
 * constructor used here leaves members at dnsjava's 10 s, so a dead first server would eat the whole budget),
 * error answers fail over ({@link AnswerCheckingResolver}), and a truncated UDP answer is asked again over TCP
 * by {@code SimpleResolver} itself.
 */
final class DnsjavaQuerier implements RecordQuerier {
    private final LookupSession session;
    private final Executor executor;

    private DnsjavaQuerier(LookupSession session, Executor executor) {
        this.session = session;
        this.executor = executor;
    }

    /** The servers asked: the configured ones, else the system's (/etc/resolv.conf, read once). */
    static List<InetSocketAddress> servers(DnsSettings settings) {
        return settings.resolvers().isEmpty() ? ResolverConfig.getCurrentConfig().servers()
                : settings.resolvers().stream().map(ResolverAddress::socketAddress).toList();
    }

    static DnsjavaQuerier create(DnsSettings settings, Executor executor) {
        List<InetSocketAddress> servers = servers(settings);
        List<Resolver> members = servers.stream().map(address -> {
            SimpleResolver server = new SimpleResolver(address);
            server.setTimeout(settings.queryTimeout());
            return (Resolver) new AnswerCheckingResolver(server);
        }).toList();
        ExtendedResolver chain = new ExtendedResolver(members);
        chain.setRetries(settings.attempts());
        // The overall budget only backs up the per-server timeouts: every server, every attempt.
        chain.setTimeout(settings.queryBudget(servers.size()).plus(settings.queryTimeout()));
        LookupSession session = LookupSession.builder().resolver(chain).executor(executor).build();
        return new DnsjavaQuerier(session, executor);
    }

    @Override
    public CompletionStage<RecordAnswer> query(Name name, int type) {
        CompletionStage<org.xbill.DNS.lookup.LookupResult> sent;
        try {
            sent = session.lookupAsync(name, type);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        // Failures complete on dnsjava's one selector thread: continue on ours, so nothing (our logging, the
        // owner's listener) ever holds up DNS I/O.
        return sent.handleAsync((result, failure) -> {
            if (failure == null) {
                return RecordAnswer.of(result.getRecords());
            }
            Throwable cause = RecordCache.unwrap(failure);
            if (cause instanceof NoSuchDomainException) {
                return RecordAnswer.noSuchName();
            }
            if (cause instanceof NoSuchRRSetException) {
                return RecordAnswer.noData();
            }
            throw new CompletionException(new DnsUnavailableException(describe(cause)));
        }, executor);
    }

    /** A short reason for logs and the API. */
    static String describe(Throwable cause) {
        if (cause instanceof AnswerCheckingResolver.ErrorAnswerException) {
            return cause.getMessage();
        }
        if (cause instanceof ServerFailedException) {
            return "SERVFAIL";
        }
        if (cause instanceof PortUnreachableException) {
            return "resolver unreachable (ICMP port unreachable)";
        }
        if (cause instanceof SocketTimeoutException) {
            return "no answer within the query timeout";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
