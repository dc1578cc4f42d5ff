package io.sipfront.core.transport;

/**
 * Emitted by {@link SipStreamDecoder} instead of a message when the byte stream cannot be framed.
 * On a stream there is no way to find where the next message starts after a framing error (the RFC 4475
 * torture cases with multiple or non-numeric Content-Length say as much), so the decoder discards everything
 * after it and the connection must close.
 *
 * @param reason what was wrong, printable ASCII, for logs
 */
public record StreamFramingError(String reason) {
}
