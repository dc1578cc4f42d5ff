package io.sipfront.daemon.ctl;

import java.util.ArrayList;
import java.util.List;

/**
 * The options every API command takes: {@code --config FILE} (default {@value #DEFAULT_CONFIG}), or {@code --api URL},
 * which wins over {@code --config}; {@code --token-file FILE} for the token (else the environment's
 * {@value #TOKEN_ENV}, else the token file the config names); {@code --json} for the raw answer. Everything else is a
 * positional word, wherever it stands. A token is never taken from the command line: every user on the host can read
 * it there ({@code ps}, shell history).
 */
record ApiOptions(String config, String api, String tokenFile, boolean json, List<String> words) {
    static final String DEFAULT_CONFIG = "config/sipfront.yaml";
    /** The environment variable a token may come from. */
    static final String TOKEN_ENV = "SIPFRONT_TOKEN";

    /** @param args the words after the subcommand's name */
    static ApiOptions parse(List<String> args) throws UsageException {
        String config = null;
        String api = null;
        String tokenFile = null;
        boolean json = false;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            String name = a;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--json" -> json = true;
                case "--token" -> throw new UsageException("--token is not taken: a token on the command line is "
                        + "visible to every user (ps); use --token-file FILE or the " + TOKEN_ENV + " environment "
                        + "variable");
                case "--config", "--api", "--token-file" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    switch (name) {
                        case "--config" -> config = value;
                        case "--api" -> api = value;
                        default -> tokenFile = value;
                    }
                }
                default -> {
                    if (a.startsWith("--")) {
                        throw new UsageException("unknown option " + a);
                    }
                    words.add(a);
                }
            }
        }
        // --api wins over --config: a launcher may always append the default --config.
        return new ApiOptions(config == null ? DEFAULT_CONFIG : config, api, tokenFile, json, List.copyOf(words));
    }
}
