package io.sipfront.core.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.config.ConfigException;
import org.junit.jupiter.api.function.Executable;

/** What the tests of every module's config sections assert about a refused file. */
public final class ConfigAssertions {
    private ConfigAssertions() {
    }

    /**
     * Loading must fail with {@code file:line:column: } followed by a reason holding every fragment.
     *
     * @param load loads a text named {@code file}
     */
    public static ConfigException assertConfigError(String file, int line, int column, Executable load,
                                                    String... fragments) {
        ConfigException e = assertThrows(ConfigException.class, load);
        assertAll(() -> assertEquals(line, e.line(), e.getMessage()),
                () -> assertEquals(column, e.column(), e.getMessage()),
                () -> {
                    for (String f : fragments) {
                        assertTrue(e.getMessage().contains(f), () -> "'" + e.getMessage() + "' should contain '" + f + "'");
                    }
                },
                () -> assertTrue(e.getMessage().startsWith(file + ":" + line + ":" + column + ": "), e.getMessage()));
        return e;
    }
}
