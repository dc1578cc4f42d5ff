package io.sipfront.core.sip;

import gov.nist.core.ParserCore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Keeps JAIN-SIP's racy parse-depth counter harmless.
 *
 * <p>{@code gov.nist.core.ParserCore.nesting_level} is a package-private {@code static int}
 * that {@code dbg_enter}/{@code dbg_leave} increment and decrement without synchronization;
 * many parsers (From, To, Contact, Route, URIs...) call them even with debugging off, and
 * {@code dbg_enter} loops {@code nesting_level} times to build an indentation string. Parsing
 * on several threads loses updates, so the counter does a random walk away from zero and
 * parse cost grows with uptime (usnistgov/jsip issue 46; fixed on master, never released).
 *
 * <p>Instead of forking JAIN-SIP, every parse first writes a large negative base
 * ({@code Integer.MIN_VALUE / 2}) into the counter. The loop in {@code dbg_enter} never runs
 * for a negative value; the drift between two resets is a few counts (it is bounded by the
 * calls racing within one parse), so the counter stays in a small band around the base, a
 * billion counts away from both zero and overflow. The field is reached through
 * {@link MethodHandles#privateLookupIn}; if it is missing (another JAIN-SIP version) the class
 * fails to initialize, which fails {@link SipParser} at start-up.
 */
final class ParserCoreGuard {

    static final int BASE = Integer.MIN_VALUE / 2;

    private static final VarHandle NESTING_LEVEL = findCounter();

    private ParserCoreGuard() {
    }

    /** Before each parse. A plain write: a racing increment may be lost, which is harmless here. */
    static void reset() {
        NESTING_LEVEL.set(BASE);
    }

    /** The counter's current value, read as volatile so a sampling loop sees every change (tests, diagnostics). */
    static int value() {
        return (int) NESTING_LEVEL.getVolatile();
    }

    private static VarHandle findCounter() {
        return staticInt(ParserCore.class, "nesting_level");
    }

    /** A handle on a private static int, or an exception that says which JAIN-SIP it expected. */
    static VarHandle staticInt(Class<?> owner, String field) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
                    .findStaticVarHandle(owner, field, int.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(owner.getName() + " has no static int " + field + " to guard; "
                    + "Sipfront is built for jain-sip-ri 1.3.0-91: check the JAIN-SIP version on the class path", e);
        }
    }
}
