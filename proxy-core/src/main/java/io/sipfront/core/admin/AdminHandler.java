package io.sipfront.core.admin;

/**
 * Serves one route. Runs on the admin server's own threads, never on a SIP event loop, so
 * it may block briefly (a store write); it must not assume which thread calls it.
 * An {@link AdminException} becomes its status with a JSON error; any other exception a 500.
 */
@FunctionalInterface
public interface AdminHandler {
    AdminReply handle(AdminRequest request) throws Exception;
}
