package io.sipfront.core.call;

import java.util.List;

/**
 * Told what happens to call setups (initial INVITEs), once per event, on the call's lane: it must be quick and
 * never block. The audit trail, the meters, the {@code stats:} line and the call log each implement it; none of them
 * keeps its own copy of the story, they all read the one {@link CallSetup}.
 */
public interface CallObserver {
    /** Attempt {@code number} (1 for the first) went out to {@code attempt}'s destination. */
    default void attemptStarted(CallSetup call, int number) {
    }

    /** An attempt ended, or a candidate was passed over ({@link AttemptRecord.Kind}); already in {@code call}. */
    default void attemptEnded(CallSetup call, AttemptRecord attempt) {
    }

    /** The caller was sent its final answer, {@link CallSetup#finalCode()}. */
    default void finalAnswer(CallSetup call) {
    }

    /** The first ringing (18x) of the call was relayed; {@link CallSetup#ringingId()} names who rang. */
    default void provisional(CallSetup call, int status) {
    }

    /** An answered call ended: its BYE went through, or it expired without one ({@link CallSetup#hangup()}). */
    default void callEnded(CallSetup call) {
    }

    CallObserver NONE = new CallObserver() {
    };

    /** One observer telling each of {@code observers}, in order. */
    static CallObserver all(List<CallObserver> observers) {
        List<CallObserver> list = List.copyOf(observers);
        return new CallObserver() {
            @Override
            public void attemptStarted(CallSetup call, int number) {
                for (CallObserver o : list) {
                    o.attemptStarted(call, number);
                }
            }

            @Override
            public void attemptEnded(CallSetup call, AttemptRecord attempt) {
                for (CallObserver o : list) {
                    o.attemptEnded(call, attempt);
                }
            }

            @Override
            public void finalAnswer(CallSetup call) {
                for (CallObserver o : list) {
                    o.finalAnswer(call);
                }
            }

            @Override
            public void provisional(CallSetup call, int status) {
                for (CallObserver o : list) {
                    o.provisional(call, status);
                }
            }

            @Override
            public void callEnded(CallSetup call) {
                for (CallObserver o : list) {
                    o.callEnded(call);
                }
            }
        };
    }
}
