package io.sipfront.core.auth;

import gov.nist.javax.sip.header.AuthenticationHeader;
import gov.nist.javax.sip.header.Authorization;
import gov.nist.javax.sip.header.ProxyAuthorization;
import io.sipfront.config.AccountSettings;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The Authorization or Proxy-Authorization of one request answering one challenge (RFC 3261 §22.2, RFC 7616 §3.4):
 * {@code uri} is the Request-URI exactly as sent, {@code opaque} echoed, {@code nc}/{@code cnonce} with qop, the
 * challenged algorithm written as its token ({@code algorithm=SHA-256}).
 */
public final class DigestAnswer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DigestAnswer() {
    }

    /**
     * @param requestUri the Request-URI as it will be encoded on the request line
     * @param nonceCount how many times this nonce has been used, this one included (1 for a fresh nonce)
     */
    public static AuthenticationHeader build(Challenge c, AccountSettings account, String method, String requestUri,
                                             int nonceCount) {
        return build(c, account, method, requestUri, nonceCount, newCnonce());
    }

    static AuthenticationHeader build(Challenge c, AccountSettings account, String method, String requestUri,
                                      int nonceCount, String cnonce) {
        String nc = String.format("%08x", nonceCount);
        char[] password = account.password().chars();
        String response;
        try {
            response = DigestCalculator.response(new DigestCalculator.Input(c.algorithm(), account.username(),
                    c.realm(), password, method, requestUri, c.nonce(), c.qop(), nc, cnonce));
        } finally {
            Arrays.fill(password, '\0');
        }
        AuthenticationHeader h = c.proxy() ? new ProxyAuthorization() : new Authorization();
        try {
            h.setScheme("Digest");
            h.setUsername(account.username());
            h.setRealm(c.realm());
            h.setNonce(c.nonce());
            // As a quoted string exactly as on the request line (setURI would re-encode a URI object).
            h.setParameter("uri", requestUri);
            h.setResponse(response);
            h.setAlgorithm(c.algorithm().token());
            if (c.opaque() != null) {
                h.setOpaque(c.opaque());
            }
            if (c.qop() != null) {
                h.setQop(c.qop());
                h.setCNonce(cnonce);
                h.setNonceCount(nonceCount);
            }
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build the " + (c.proxy() ? "Proxy-Authorization" : "Authorization")
                    + " header for realm " + c.realm(), e);
        }
        return h;
    }

    private static String newCnonce() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
