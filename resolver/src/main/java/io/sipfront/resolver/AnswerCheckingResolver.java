package io.sipfront.resolver;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;

/**
 * One DNS server whose error answers (SERVFAIL, REFUSED, NOTIMP, FORMERR) fail the query. dnsjava's
 * {@code ExtendedResolver} moves to the next server only on an exception and returns such answers as final
 * (dnsjava#247), so without this a broken first resolver would hide a working second one.
 */
final class AnswerCheckingResolver implements Resolver {
    /** A server answered with an error code; {@code ExtendedResolver} then asks the next one. */
    static final class ErrorAnswerException extends IOException {
        private static final long serialVersionUID = 1L;

        ErrorAnswerException(String message) {
            super(message);
        }
    }

    private final SimpleResolver server;

    AnswerCheckingResolver(SimpleResolver server) {
        this.server = server;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        return server.sendAsync(query, executor).thenApply(answer -> {
            int rcode = answer.getRcode();
            if (rcode == Rcode.SERVFAIL || rcode == Rcode.REFUSED || rcode == Rcode.NOTIMP
                    || rcode == Rcode.FORMERR) {
                throw new CompletionException(
                        new ErrorAnswerException(Rcode.string(rcode) + " from " + server.getAddress()));
            }
            return answer;
        });
    }

    @Override
    public void setPort(int port) {
        server.setPort(port);
    }

    @Override
    public void setTCP(boolean flag) {
        server.setTCP(flag);
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
        server.setIgnoreTruncation(flag);
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        server.setEDNS(version, payloadSize, flags, options);
    }

    @Override
    public void setTSIGKey(TSIG key) {
        server.setTSIGKey(key);
    }

    @Override
    public void setTimeout(Duration timeout) {
        server.setTimeout(timeout);
    }

    @Override
    public Duration getTimeout() {
        return server.getTimeout();
    }

    @Override
    public String toString() {
        return server.getAddress().toString();
    }
}
