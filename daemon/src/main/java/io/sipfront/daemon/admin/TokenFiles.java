package io.sipfront.daemon.admin;

import io.sipfront.config.AdminSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the admin token: written in the config, or read from {@code token_file}, which is created with a random
 * token (mode 0600) when it does not exist, so the default config works out of the box and {@code sipfront ctl}
 * finds the token by reading the same file.
 */
public final class TokenFiles {
    private static final Logger log = LoggerFactory.getLogger(TokenFiles.class);
    static final int RANDOM_BYTES = 32;

    private TokenFiles() {
    }

    /** The daemon's token; never throws: a file that cannot be made leaves mutating calls refused, SIP serving. */
    public static ApiToken forDaemon(AdminSettings admin) {
        if (admin.token() != null) {
            return ApiToken.of(admin.token());
        }
        Path file = admin.tokenFile();
        try {
            if (createIfMissing(file)) {
                log.info("created the admin API token file {} (mode 0600)", file);
            }
            return ApiToken.of(read(file));
        } catch (IOException | IllegalArgumentException e) {
            String reason = "no admin API token: cannot use " + file + ": " + e.getMessage()
                    + "; set admin.token or admin.token_file to a writable path";
            log.error("{}; mutating admin calls will be refused", reason);
            return ApiToken.unavailable(reason);
        }
    }

    /** The token for a client ({@code sipfront ctl}); the file must exist. */
    public static String forClient(AdminSettings admin) throws IOException {
        return admin.token() != null ? admin.token() : read(admin.tokenFile());
    }

    static String read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IOException("the file is empty");
        }
        return token;
    }

    /** Returns true when it created the file. Never overwrites: a second daemon start keeps the operator's token. */
    static boolean createIfMissing(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        // Created 0600 from the start, so the token is never readable by others, not even for a moment.
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
            Files.createLink(file, tmp); // atomic and fails if another process created it meanwhile
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
