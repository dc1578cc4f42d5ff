package io.sipfront.core.transaction;

/** The proxy logic behind a server transaction. */
public interface ServerTransactionUser {
    /** A CANCEL matched this transaction (already answered 200 by the caller of this method). */
    void onCancel(ServerTransaction tx);

    /** The transaction ended and left its lane's table. */
    default void onServerTransactionTerminated(ServerTransaction tx) {
    }
}
