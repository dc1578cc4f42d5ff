package io.sipfront.daemon.ctl;

import io.sipfront.config.AdminSettings;
import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigLoader;
import io.sipfront.daemon.admin.TokenFiles;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where the admin API is and which token to send: the address from {@code --api} or from the admin section of the
 * config file (only that section is read, so a half-edited routing section does not lock the operator out); the
 * token from {@code --token-file}, else the environment's {@code SIPFRONT_TOKEN}, else the config's token file.
 *
 * @param tokenProblem why there is no token (shown next to a 401), or {@code null}
 */
record ApiTarget(URI base, String token, String tokenProblem) {

    /** @param err where to warn when the config cannot be read and the defaults are tried instead */
    static ApiTarget resolve(ApiOptions options, java.io.PrintStream err) throws UsageException {
        return resolve(options, System::getenv, err);
    }

    /** @param env the environment ({@code SIPFRONT_TOKEN}) */
    static ApiTarget resolve(ApiOptions options, java.util.function.UnaryOperator<String> env, java.io.PrintStream err)
            throws UsageException {
        String given = givenToken(options, env);
        if (options.api() != null) {
            URI base;
            try {
                base = URI.create(options.api().endsWith("/") ? options.api().substring(0, options.api().length() - 1)
                        : options.api());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--api " + options.api() + " is not a URL: " + e.getMessage());
            }
            if (!"http".equals(base.getScheme()) || base.getHost() == null) {
                throw new UsageException("--api must be an http URL such as http://127.0.0.1:9060");
            }
            return new ApiTarget(base, given, given == null
                    ? "no token: give --token-file FILE or set " + ApiOptions.TOKEN_ENV : null);
        }
        Path config = Path.of(options.config());
        AdminSettings admin;
        try {
            admin = ConfigLoader.loadAdmin(config);
        } catch (ConfigException e) {
            if (e.line() == 0) { // no such file, unreadable: nothing to go on
                throw new UsageException("cannot find the admin API: " + e.getMessage());
            }
            // A half-edited file is when an operator most needs "ctl reload" to show the daemon's verdict.
            err.println("sipfront ctl: warning: " + e.getMessage() + "; trying the default admin address and token file");
            admin = AdminSettings.defaults(config);
        }
        if (!admin.enabled()) {
            throw new UsageException("the admin API is disabled in " + config + " (admin.enabled: false)");
        }
        URI base = URI.create("http://" + connectHost(admin.listen().getAddress()) + ":" + admin.listen().getPort());
        if (given != null) {
            return new ApiTarget(base, given, null);
        }
        try {
            return new ApiTarget(base, TokenFiles.forClient(admin), null);
        } catch (IOException e) {
            return new ApiTarget(base, null, "cannot read the token file " + admin.tokenFile() + ": " + e);
        }
    }

    /** The token from {@code --token-file} or the environment, or null when neither gives one. */
    private static String givenToken(ApiOptions options, java.util.function.UnaryOperator<String> env)
            throws UsageException {
        if (options.tokenFile() != null) {
            try {
                String token = java.nio.file.Files.readString(Path.of(options.tokenFile())).strip();
                if (token.isEmpty()) {
                    throw new UsageException("the token file " + options.tokenFile() + " is empty");
                }
                return token;
            } catch (IOException e) {
                throw new UsageException("cannot read the token file " + options.tokenFile() + ": " + e);
            }
        }
        String fromEnv = env.apply(ApiOptions.TOKEN_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
    }

    /** A wildcard listen address is reached through loopback. */
    private static String connectHost(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return address instanceof Inet6Address ? "[::1]" : "127.0.0.1";
        }
        String host = address.getHostAddress();
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
