package io.sipfront.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The admin HTTP API (health, metrics, reload, the modules' endpoints).
 *
 * @param enabled    false: no admin socket at all (default true)
 * @param listen     address of the API (default 127.0.0.1:9060: only this machine can reach it)
 * @param token      the bearer token for mutating calls written in the config, or {@code null}
 * @param tokenFile  where the token is read from when {@code token} is {@code null}: {@code token_file}, relative
 *                   to the config file's directory, default {@code admin.token} next to the config. Created with
 *                   a random token (mode 0600) by the daemon when missing; {@code sipfront ctl} reads it.
 */
public record AdminSettings(boolean enabled, InetSocketAddress listen, String token, Path tokenFile) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9060;
    public static final String DEFAULT_TOKEN_FILE = "admin.token";

    public AdminSettings {
        Objects.requireNonNull(listen, "listen");
        if (token == null) {
            Objects.requireNonNull(tokenFile, "tokenFile (when no token)");
        }
    }

    /** The defaults for a config read from {@code configFile} ({@code null}: built in code, relative to the CWD). */
    public static AdminSettings defaults(Path configFile) {
        return new AdminSettings(true, new InetSocketAddress(DEFAULT_HOST, DEFAULT_PORT), null,
                relativeToConfig(configFile, Path.of(DEFAULT_TOKEN_FILE)));
    }

    /** {@code file} as given when absolute, else relative to the config file's directory. */
    public static Path relativeToConfig(Path configFile, Path file) {
        return ConfigPaths.relativeToConfig(configFile, file);
    }
}
