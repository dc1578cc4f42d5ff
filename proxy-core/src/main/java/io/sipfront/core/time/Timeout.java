package io.sipfront.core.time;

/** A scheduled task in a {@link TimerWheel}. Cancelling is idempotent and O(1). */
public final class Timeout {
    final long deadlineTick;
    final Runnable task;
    Timeout prev;
    Timeout next;
    Bucket bucket;
    /** Set once the task has run or been cancelled; a due timer cancelled by another task of the same tick stays quiet. */
    boolean done;

    Timeout(long deadlineTick, Runnable task) {
        this.deadlineTick = deadlineTick;
        this.task = task;
    }

    /** Cancels the task if it has not run yet. */
    public void cancel() {
        done = true;
        if (bucket != null) {
            bucket.remove(this);
        }
    }

    public boolean isPending() {
        return !done;
    }

    /** Doubly linked so that cancel is O(1): transactions cancel most of their timers. */
    static final class Bucket {
        Timeout head;
        Timeout tail;
        int size;

        void add(Timeout t) {
            t.bucket = this;
            t.prev = tail;
            t.next = null;
            if (tail == null) {
                head = t;
            } else {
                tail.next = t;
            }
            tail = t;
            size++;
        }

        void remove(Timeout t) {
            if (t.prev == null) {
                head = t.next;
            } else {
                t.prev.next = t.next;
            }
            if (t.next == null) {
                tail = t.prev;
            } else {
                t.next.prev = t.prev;
            }
            t.prev = null;
            t.next = null;
            t.bucket = null;
            size--;
        }
    }
}
