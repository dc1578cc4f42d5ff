package io.sipfront.core.testing;

/**
 * The smallest valid config as text, for the tests of every module's sections: a document is built as
 * [section under test] + {@link #SIP} + {@link #REST} (21 lines), or the other way round, so that the line numbers
 * an error must name can be read off the text blocks.
 */
public final class MinimalConfig {
    /** Two lines. */
    public static final String SIP = """
            sip:
              listen: [udp:127.0.0.1:5060]
            """;

    /** Everything else a valid config needs. */
    public static final String SOURCES = """
            sources:
              platform: [127.0.0.10]
              carriers:
                - name: carrier-a
                  addresses: [127.0.0.20]
            """;

    public static final String ROUTING = """
            routing:
              inbound: platform
              outbound: carriers
            """;

    public static final String SETS = """
            destination_sets:
              - name: platform
                algorithm: round-robin
                destinations:
                  - id: platform-1
                    uri: sip:127.0.0.10:5060
              - name: carriers
                algorithm: priority
                destinations:
                  - id: carrier-a
                    uri: sip:127.0.0.20:5060
            """;

    public static final String REST = SOURCES + ROUTING + SETS;

    private MinimalConfig() {
    }
}
