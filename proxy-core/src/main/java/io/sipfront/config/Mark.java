package io.sipfront.config;

/** A position in a config file; line and column are 1-based. */
record Mark(String source, int line, int column) {

    ConfigException error(String reason) {
        return new ConfigException(source, line, column, reason);
    }

    /** "line 4, column 7", for messages that point at a second place in the file. */
    String describe() {
        return "line " + line + ", column " + column;
    }
}
