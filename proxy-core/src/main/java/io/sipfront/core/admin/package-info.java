/**
 * Contracts of the admin HTTP API (default 127.0.0.1:9060), shared by every module that
 * exposes something to operators. A module contributes {@link AdminRoute}s and
 * {@link HealthCheck}s; the daemon's admin server (Netty HTTP) owns the socket, the token
 * check, JSON errors and {@code GET /health}, and calls handlers off the SIP event loops.
 */
package io.sipfront.core.admin;
