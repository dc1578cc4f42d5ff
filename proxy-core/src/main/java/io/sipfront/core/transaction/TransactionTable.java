package io.sipfront.core.transaction;

import java.util.HashMap;

/** The transactions of one lane. Not thread-safe: owned by the lane's thread. */
public final class TransactionTable {
    private final HashMap<String, ServerTransaction> servers = new HashMap<>();
    private final HashMap<String, ClientTransaction> clients = new HashMap<>();

    public ServerTransaction server(String key) {
        return servers.get(key);
    }

    public ClientTransaction client(String branch, String method) {
        return clients.get(ClientTransaction.key(branch, method));
    }

    void add(ServerTransaction tx) {
        servers.put(tx.key(), tx);
    }

    void add(ClientTransaction tx) {
        clients.put(tx.key(), tx);
    }

    void remove(ServerTransaction tx) {
        servers.remove(tx.key(), tx);
    }

    void remove(ClientTransaction tx) {
        clients.remove(tx.key(), tx);
    }

    public int serverCount() {
        return servers.size();
    }

    public int clientCount() {
        return clients.size();
    }

    /** INVITE server transactions without a final response yet. */
    public int unansweredInvites() {
        int n = 0;
        for (ServerTransaction tx : servers.values()) {
            if (tx instanceof InviteServerTransaction && !tx.hasFinalResponse()) {
                n++;
            }
        }
        return n;
    }
}
