package io.sipfront.daemon.ctl;

import java.util.ArrayList;
import java.util.List;

/**
 * The options every API command takes: {@code --config FILE} (default {@value #DEFAULT_CONFIG}), or {@code --api URL}
 * with {@code --token TOKEN}, which wins over {@code --config}; {@code --json} for the raw answer. Everything else
 * is a positional word, wherever it stands.
 */
record ApiOptions(String config, String api, String token, boolean json, List<String> words) {
    static final String DEFAULT_CONFIG = "config/sipfront.yaml";

    /** @param args the words after the subcommand's name */
    static ApiOptions parse(List<String> args) throws UsageException {
        String config = null;
        String api = null;
        String token = null;
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
                case "--config", "--api", "--token" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    switch (name) {
                        case "--config" -> config = value;
                        case "--api" -> api = value;
                        default -> token = value;
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
        return new ApiOptions(config == null ? DEFAULT_CONFIG : config, api, token, json, List.copyOf(words));
    }
}
