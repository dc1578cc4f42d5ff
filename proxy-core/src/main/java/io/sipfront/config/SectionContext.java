package io.sipfront.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a module's section may use from the rest of the file: the core sections are read before any registered one.
 *
 * @param source  the config file ({@code null} for text with no file, e.g. in tests)
 * @param sources who may send to Sipfront (a numbering plan must name one of its carriers)
 * @param routing where calls go (edge limits name its trunk groups); null when a config is built in code
 * @param sip     the sockets ({@code null} when not known): the {@code tls} section checks its listeners against them
 */
public record SectionContext(Path source, SourceSettings sources, RoutingSettings routing, SipSettings sip) {
    public SectionContext {
        Objects.requireNonNull(sources, "sources");
    }

    public SectionContext(Path source, SourceSettings sources) {
        this(source, sources, null, null);
    }
}
