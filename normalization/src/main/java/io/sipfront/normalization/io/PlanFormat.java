package io.sipfront.normalization.io;

import java.util.Locale;

/** The two file formats of {@code ctl rules import|export} and the admin API. */
public enum PlanFormat {
    CSV, YAML;

    /** By file extension: {@code .csv}, {@code .yaml} or {@code .yml}. */
    public static PlanFormat ofFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return CSV;
        }
        if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            return YAML;
        }
        throw new IllegalArgumentException("cannot tell the format of '" + name + "': name it .csv, .yaml or .yml");
    }

    /** By name ({@code csv}, {@code yaml}); null means YAML. */
    public static PlanFormat ofName(String name) {
        if (name == null || name.equalsIgnoreCase("yaml") || name.equalsIgnoreCase("yml")) {
            return YAML;
        }
        if (name.equalsIgnoreCase("csv")) {
            return CSV;
        }
        throw new IllegalArgumentException("unknown format '" + name + "': use csv or yaml");
    }
}
