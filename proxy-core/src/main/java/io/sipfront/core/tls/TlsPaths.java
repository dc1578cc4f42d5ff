package io.sipfront.core.tls;

import java.nio.file.Path;

/** Checks on the file paths the settings hold; the config has resolved them against its own directory. */
final class TlsPaths {
    private TlsPaths() {
    }

    static void requireAbsolute(Path path, String what) {
        if (path == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(what + " '" + path
                    + "' must be an absolute path (the config resolves relative paths against its own directory)");
        }
    }
}
