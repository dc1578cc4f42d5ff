package io.sipfront.core.transaction;

import gov.nist.javax.sip.message.SIPResponse;

/** The proxy logic behind a client transaction. Every call comes on the transaction's lane. */
public interface ClientTransactionUser {
    /** A response the transaction passes up: provisional, final, or a 2xx retransmission (INVITE). */
    void onResponse(ClientTransaction tx, SIPResponse response);

    /** Timer B or F: no final response in 64*T1. */
    void onTimeout(ClientTransaction tx);

    /** The request could not be sent (TCP connect refused, reset, write failure). */
    void onTransportError(ClientTransaction tx, Throwable cause);

    ClientTransactionUser NONE = new ClientTransactionUser() {
        @Override
        public void onResponse(ClientTransaction tx, SIPResponse response) {
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
        }

        @Override
        public void onTransportError(ClientTransaction tx, Throwable cause) {
        }
    };
}
