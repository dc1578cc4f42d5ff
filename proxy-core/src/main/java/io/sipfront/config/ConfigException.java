package io.sipfront.config;

/**
 * A configuration file that cannot be used, and where. The message is
 * {@code <file>:<line>:<column>: <reason>}, the form editors and CI logs turn into links;
 * when the position is unknown (the file could not be read) it is {@code <file>: <reason>}.
 * The reason names the key path, the value found and what is allowed: treat it as API.
 */
public final class ConfigException extends Exception {
    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    /** Line and column are 1-based; 0 means unknown. */
    public ConfigException(String file, int line, int column, String reason) {
        this(file, line, column, reason, null);
    }

    public ConfigException(String file, int line, int column, String reason, Throwable cause) {
        super(format(file, line, column, reason), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    /** 1-based; 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based; 0 when unknown. */
    public int column() {
        return column;
    }

    /** The message without the position. */
    public String reason() {
        return reason;
    }

    private static String format(String file, int line, int column, String reason) {
        if (line <= 0) {
            return file + ": " + reason;
        }
        if (column <= 0) {
            return file + ":" + line + ": " + reason;
        }
        return file + ":" + line + ":" + column + ": " + reason;
    }
}
