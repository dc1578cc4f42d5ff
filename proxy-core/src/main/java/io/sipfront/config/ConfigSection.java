package io.sipfront.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One top-level section of the config file that a module reads itself ({@code normalization}, {@code redis},
 * {@code ha}, ...), so that the core holds no other module's settings. Whoever assembles the program registers the
 * modules' sections with the loader ({@link ConfigSections}); the loader refuses any other top-level key, reads the
 * core's own sections, then each registered one in order, and the first error stops loading as for any other
 * section. The value is read back with {@link SipfrontConfig#section}.
 *
 * <p>A section is known by its instance: define each once, as a constant ({@link #of}). The values it returns are
 * immutable and validated.
 *
 * @param <T> the section's validated settings
 */
public interface ConfigSection<T> {

    /** The top-level key the section owns, e.g. {@code ha}. */
    String key();

    /** The value when the file leaves the key out; also what a config built in code without this section holds. */
    T absent(SectionContext context);

    /** Reads the section as written; errors name the node's position and key path ({@link ConfigNode#error}). */
    T read(ConfigNode node, SectionContext context) throws ConfigException;

    /** How a section reads what is written under its key. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ConfigNode node, SectionContext context) throws ConfigException;
    }

    /**
     * @param key    the top-level key
     * @param absent the value when the key is left out
     * @param reader reads the value written under the key
     */
    static <T> ConfigSection<T> of(String key, Function<SectionContext, T> absent, Reader<T> reader) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(absent, "absent");
        Objects.requireNonNull(reader, "reader");
        return new ConfigSection<>() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public T absent(SectionContext context) {
                return absent.apply(context);
            }

            @Override
            public T read(ConfigNode node, SectionContext context) throws ConfigException {
                return reader.read(node, context);
            }

            @Override
            public String toString() {
                return "section " + key;
            }
        };
    }
}
