package io.sipfront.dispatcher;

/** Told about every state change, e.g. to log it; called under the destination's lock, so it must be quick. */
@FunctionalInterface
public interface HealthListener {
    void changed(DestinationHealth health, HealthState from, HealthState to, String why);

    /** A live call just made this destination suspect (its state is unchanged); called on a lane, must be quick. */
    default void suspected(DestinationHealth health) {
    }

    HealthListener NONE = (h, from, to, why) -> { };
}
