package io.sipfront.ha;

/**
 * One heartbeat message. Both nodes send them, whatever their state.
 *
 * @param nodeId    the sender's configured id
 * @param priority  the sender's effective priority; 0 means "I am giving the VIP away now" (a clean stop)
 * @param state     the sender's state
 * @param bootEpoch fixed for the life of the sender's process and larger after a restart (replay protection)
 * @param sequence  increases with every advert of one boot (replay protection)
 */
public record Advert(String nodeId, int priority, HaState state, long bootEpoch, long sequence) {
    public Advert {
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority " + priority);
        }
    }

    /** Whether a node with {@code priority} and {@code id} wins against the sender: priority, then node id. */
    static boolean outranks(int priority, String id, Advert other) {
        if (priority != other.priority()) {
            return priority > other.priority();
        }
        return id.compareTo(other.nodeId()) > 0;
    }
}
