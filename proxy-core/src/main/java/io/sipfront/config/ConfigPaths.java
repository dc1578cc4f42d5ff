package io.sipfront.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * File paths written in the config. A relative path means "next to the config file", in every section, so that a
 * config and its files (certificates, keys, tokens, databases) can be copied together and run from anywhere.
 */
public final class ConfigPaths {
    private ConfigPaths() {
    }

    /** {@code file} as an absolute path: relative ones against the directory of {@code configFile} (null: the cwd). */
    public static Path relativeToConfig(Path configFile, Path file) {
        if (file.isAbsolute() || configFile == null) {
            return file.toAbsolutePath().normalize();
        }
        Path dir = configFile.toAbsolutePath().getParent();
        return (dir == null ? file : dir.resolve(file)).toAbsolutePath().normalize();
    }

    /** The path written at {@code node}, resolved with {@link #relativeToConfig}. */
    public static Path read(ConfigNode node, Path configFile) throws ConfigException {
        return relativeToConfig(configFile, node.parse(ConfigPaths::parse, "a file path"));
    }

    static Path parse(String text) throws InvalidValueException {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new InvalidValueException("'" + text + "' is not a valid path: " + e.getReason());
        }
    }
}
