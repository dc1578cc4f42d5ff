package io.sipfront.normalization.cli;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.ConfigSections;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.normalization.Normalized;
import io.sipfront.normalization.NumberField;
import io.sipfront.normalization.NumberNormalizer;
import io.sipfront.normalization.NumberingService;
import io.sipfront.normalization.config.NormalizationSection;
import io.sipfront.normalization.config.NormalizationSettings;
import io.sipfront.normalization.config.NumberRule;
import io.sipfront.normalization.config.NumberingPlan;
import io.sipfront.normalization.io.PlanFiles;
import io.sipfront.normalization.io.PlanFormat;
import io.sipfront.normalization.io.PlanImportException;
import io.sipfront.normalization.store.RuleStore;
import io.sipfront.normalization.store.RuleStores;
import io.sipfront.normalization.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code sipfront ctl rules import|export --carrier NAME FILE} and
 * {@code sipfront ctl normalize --carrier NAME --direction inbound|outbound [--field dialled|caller] NUMBER}, each
 * with {@code [--config FILE]}. They work on the store the config names, with no daemon running; a running daemon
 * picks an import up within a second. Exit codes: 0 ok, 1 refused (bad file, store down, invalid number), 2 usage.
 */
public final class NumberingCli {
    static final String DEFAULT_CONFIG = "config/sipfront.yaml";

    private NumberingCli() {
    }

    /**
     * @param sections every section the program knows (at least {@link NormalizationSection} and
     *                 {@link io.sipfront.redis.RedisSection}), so that the daemon's own file loads here as well
     * @param args     the words after {@code ctl}
     */
    public static int run(ConfigSections sections, String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && a.length() > 2) {
                int eq = a.indexOf('=');
                if (eq > 0) {
                    options.put(a.substring(2, eq), a.substring(eq + 1));
                } else if (i + 1 < args.length) {
                    options.put(a.substring(2), args[++i]);
                } else {
                    return usage(err);
                }
            } else {
                words.add(a);
            }
        }
        Path configFile = Path.of(options.getOrDefault("config", DEFAULT_CONFIG));
        String carrier = options.get("carrier");
        if (carrier == null) {
            return usage(err);
        }
        if (words.size() == 3 && words.get(0).equals("rules") && Set.of("import", "export").contains(words.get(1))
                && options.keySet().stream().allMatch(k -> k.equals("config") || k.equals("carrier"))) {
            Path file = Path.of(words.get(2));
            return words.get(1).equals("import") ? withStore(sections, configFile, err, (c, s) -> importPlan(c, s, carrier,
                    file, out, err)) : withStore(sections, configFile, err, (c, s) -> exportPlan(s, carrier, file, out, err));
        }
        if (words.size() == 2 && words.get(0).equals("normalize") && options.containsKey("direction")
                && options.keySet().stream().allMatch(k -> Set.of("config", "carrier", "direction", "field")
                .contains(k))) {
            return withStore(sections, configFile, err, (c, s) -> normalize(s, carrier, options.get("direction"),
                    options.getOrDefault("field", "dialled"), words.get(1), out, err));
        }
        return usage(err);
    }

    private interface StoreCommand {
        int run(SipfrontConfig config, RuleStore store) throws StoreException;
    }

    private static int withStore(ConfigSections sections, Path configFile, PrintStream err,
                                 StoreCommand command) {
        SipfrontConfig config;
        try {
            config = ConfigLoader.load(configFile, sections);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        NormalizationSettings settings = config.section(NormalizationSection.SECTION);
        if (!settings.enabled()) {
            err.println("sipfront: " + configFile + " has no normalization section: number normalization is off");
            return 1;
        }
        try (RuleStore store = RuleStores.open(config)) {
            store.seedMissing(settings.seeds()); // as the daemon does: config plans seed the store
            return command.run(config, store);
        } catch (StoreException e) {
            err.println("sipfront: numbering store: " + e.getMessage());
            return 1;
        }
    }

    private static int importPlan(SipfrontConfig config, RuleStore store, String carrier, Path file,
                                  PrintStream out, PrintStream err) throws StoreException {
        NumberingPlan plan;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            plan = PlanFiles.read(text, PlanFormat.ofFile(file.toString()), carrier,
                    NumberingService.carriers(config));
        } catch (PlanImportException e) {
            err.println(file + ":" + (e.line() > 0 ? e.line() + ": " : " ") + e.getMessage()
                    .replaceFirst("^line \\d+: ", "") + " (nothing imported)");
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("sipfront: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        store.save(plan);
        out.println("imported " + plan.rules().size() + " rules for " + carrier + " into " + store.describe());
        return 0;
    }

    private static int exportPlan(RuleStore store, String carrier, Path file, PrintStream out, PrintStream err)
            throws StoreException {
        NumberingPlan plan = store.loadAll().get(carrier);
        if (plan == null) {
            err.println("sipfront: carrier " + carrier + " has no numbering plan in " + store.describe());
            return 1;
        }
        try {
            Files.writeString(file, PlanFiles.write(plan, PlanFormat.ofFile(file.toString())), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            err.println("sipfront: cannot write " + file + ": " + e.getMessage());
            return 1;
        }
        out.println("exported " + plan.rules().size() + " rules for " + carrier + " to " + file);
        return 0;
    }

    private static int normalize(RuleStore store, String carrier, String direction, String field, String number,
                                 PrintStream out, PrintStream err) throws StoreException {
        NumberRule.Direction d;
        NumberField f;
        try {
            d = NumberRule.Direction.valueOf(direction.toUpperCase(Locale.ROOT));
            f = NumberField.valueOf(field.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("sipfront: --direction is inbound or outbound, --field dialled or caller");
            return 2;
        }
        NumberingPlan plan = store.loadAll().get(carrier);
        if (plan == null) {
            err.println("sipfront: carrier " + carrier + " has no numbering plan in " + store.describe());
            return 1;
        }
        Normalized n = new NumberNormalizer().normalize(plan, d, f, number);
        out.println(n.number());
        out.println("  valid: " + (n.valid() ? "yes" : "no (" + plan.invalidNumbers().text() + ")"));
        out.println("  fired: " + (n.fired().isEmpty() ? "nothing (unchanged)" : String.join(", ", n.fired())));
        return n.valid() ? 0 : 1;
    }

    private static int usage(PrintStream err) {
        err.println("usage: sipfront ctl rules import|export --carrier NAME [--config FILE] FILE.csv|FILE.yaml");
        err.println("       sipfront ctl normalize --carrier NAME --direction inbound|outbound"
                + " [--field dialled|caller] [--config FILE] NUMBER");
        return 2;
    }
}
