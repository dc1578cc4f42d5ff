package io.sipfront.normalization.io;

/** An import refused, with the line of the first mistake; nothing of the file was applied. */
public final class PlanImportException extends Exception {
    private final int line;

    public PlanImportException(int line, String reason) {
        super(line > 0 ? "line " + line + ": " + reason : reason);
        this.line = line;
    }

    /** 1-based, 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
