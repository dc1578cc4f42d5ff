package io.sipfront.resolver;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * RFC 3263 §4: from a SIP URI to ordered targets. An IP literal is used as is; a port means A/AAAA; a fixed
 * transport means SRV for it; otherwise NAPTR, then SRV, then A/AAAA. "No such name" and "no data" fall through
 * to the next step; a failed question (no resolver answered, nothing cached) fails the resolution, except for
 * one SRV target's addresses, which only leaves that target without addresses.
 * <p>
 * Runs over any {@link RecordLookup}: the caching look-up, the background refresh, or the cache alone, where
 * every answer is already there and the whole procedure completes on the calling thread.
 */
final class LocationProcedure {
    @FunctionalInterface
    interface RecordLookup {
        CompletionStage<CachedAnswer> lookup(Name name, int type);
    }

    private final boolean naptr;
    private final boolean ipv6;

    LocationProcedure(boolean naptr, boolean ipv6) {
        this.naptr = naptr;
        this.ipv6 = ipv6;
    }

    /** Completes exceptionally (with the look-up's exception) only when a step before the targets failed. */
    CompletableFuture<Resolution> locate(TargetUri uri, RecordLookup lookup) {
        return new Run(uri, lookup).start();
    }

    /** One resolution: remembers whether any answer it used was stale. */
    private final class Run {
        private final TargetUri uri;
        private final RecordLookup lookup;
        private final AtomicBoolean stale = new AtomicBoolean();

        Run(TargetUri uri, RecordLookup lookup) {
            this.uri = uri;
            this.lookup = lookup;
        }

        CompletableFuture<Resolution> start() {
            Optional<InetAddress> literal = IpLiteral.parse(uri.host());
            if (literal.isPresent()) {
                Transport t = uri.fallbackTransport();
                int port = uri.port() != 0 ? uri.port() : t.defaultPort();
                return CompletableFuture.completedFuture(Resolution.resolved(uri,
                        List.of(new ResolvedTarget(uri.host(), port, t, 0, 0, List.of(literal.get()), true)), false,
                        "IP literal"));
            }
            Name host;
            try {
                host = Name.fromString(uri.host(), Name.root);
            } catch (TextParseException e) {
                return CompletableFuture.completedFuture(Resolution.notFound(uri, false,
                        "'" + uri.host() + "' is not a valid host name: " + e.getMessage()));
            }
            if (uri.port() != 0) {
                return byAddress(host, uri.fallbackTransport(), uri.port(), "A/AAAA (the URI has a port)");
            }
            if (uri.fixedTransport() != null || !naptr) {
                return bySrv(host, uri.srvTransports(), 0, false);
            }
            return ask(host, Type.NAPTR).thenCompose(
                    a -> byNaptr(host, NaptrSelection.usable(a.records(), uri.secure()), 0));
        }

        private CompletableFuture<Resolution> byNaptr(Name host, List<NaptrSelection.Choice> choices, int i) {
            if (i == choices.size()) {
                return bySrv(host, uri.srvTransports(), 0, false);
            }
            NaptrSelection.Choice c = choices.get(i);
            return ask(c.srvName(), Type.SRV).thenCompose(a -> {
                List<SRVRecord> servers = SrvSelection.servers(a.records());
                return servers.isEmpty() ? byNaptr(host, choices, i + 1)
                        : targets(servers, c.transport(), "NAPTR " + c.transport().naptrService() + " -> SRV "
                                + c.srvName().toString(true));
            });
        }

        /** @param declined an SRV set seen so far said "no service here" (target ".") */
        private CompletableFuture<Resolution> bySrv(Name host, List<Transport> transports, int i, boolean declined) {
            if (i == transports.size()) {
                if (declined) {
                    return CompletableFuture.completedFuture(Resolution.notFound(uri, stale.get(),
                            "SRV for " + host.toString(true) + " says the service is not available (target '.')"));
                }
                Transport t = uri.fallbackTransport();
                return byAddress(host, t, t.defaultPort(), "A/AAAA (no NAPTR or SRV)");
            }
            Transport t = transports.get(i);
            Name srvName;
            try {
                srvName = Name.concatenate(Name.fromConstantString(t.srvPrefix()), host);
            } catch (NameTooLongException e) {
                return bySrv(host, transports, i + 1, declined);
            }
            return ask(srvName, Type.SRV).thenCompose(a -> {
                List<SRVRecord> servers = SrvSelection.servers(a.records());
                if (servers.isEmpty()) {
                    return bySrv(host, transports, i + 1, declined || !a.answer().isNegative());
                }
                return targets(servers, t, "SRV " + srvName.toString(true));
            });
        }

        private CompletableFuture<Resolution> byAddress(Name host, Transport t, int port, String via) {
            return addresses(host).thenApply(addresses -> addresses.isEmpty()
                    ? Resolution.notFound(uri, stale.get(), "no A/AAAA records for " + host.toString(true))
                    : Resolution.resolved(uri, List.of(new ResolvedTarget(host.toString(true), port, t, 0, 0,
                            addresses, true)), stale.get(), via));
        }

        private CompletableFuture<Resolution> targets(List<SRVRecord> servers, Transport t, String via) {
            List<CompletableFuture<ResolvedTarget>> targets = servers.stream()
                    .map(srv -> addresses(srv.getTarget()).handle((addresses, failure) -> new ResolvedTarget(
                            srv.getTarget().toString(true), srv.getPort(), t, srv.getPriority(), srv.getWeight(),
                            failure == null ? addresses : List.of(), failure == null)))
                    .toList();
            return CompletableFuture.allOf(targets.toArray(CompletableFuture[]::new)).thenApply(done ->
                    Resolution.resolved(uri, targets.stream().map(CompletableFuture::join).toList(), stale.get(), via));
        }

        /**
         * A then AAAA addresses of a name. One of the two failing is fine when the other has addresses; with
         * none and a failure, the addresses are unknown, which is not "no addresses".
         */
        private CompletableFuture<List<InetAddress>> addresses(Name name) {
            CompletableFuture<Outcome> a = ask(name, Type.A).handle(Outcome::new);
            CompletableFuture<Outcome> aaaa = ipv6 ? ask(name, Type.AAAA).handle(Outcome::new)
                    : CompletableFuture.completedFuture(new Outcome(null, null));
            return a.thenCombine(aaaa, (v4, v6) -> {
                List<InetAddress> all = new ArrayList<>();
                v4.addTo(all);
                v6.addTo(all);
                Throwable failure = v4.failure != null ? v4.failure : v6.failure;
                if (all.isEmpty() && failure != null) {
                    throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
                }
                return all;
            });
        }

        private CompletableFuture<CachedAnswer> ask(Name name, int type) {
            return lookup.lookup(name, type).toCompletableFuture().thenApply(a -> {
                if (a.stale()) {
                    stale.set(true);
                }
                return a;
            });
        }
    }

    private record Outcome(CachedAnswer answer, Throwable failure) {
        void addTo(List<InetAddress> out) {
            if (answer == null) {
                return;
            }
            for (Record r : answer.records()) {
                if (r instanceof ARecord a) {
                    out.add(a.getAddress());
                } else if (r instanceof AAAARecord aaaa) {
                    out.add(aaaa.getAddress());
                }
            }
        }
    }
}
