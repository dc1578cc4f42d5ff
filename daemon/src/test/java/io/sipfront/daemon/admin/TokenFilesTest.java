package io.sipfront.daemon.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.config.AdminSettings;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Out of the box: a random token in a 0600 file that ctl reads; an operator's token is never replaced. */
class TokenFilesTest {
    private static AdminSettings withFile(Path file) {
        return new AdminSettings(true, new InetSocketAddress("127.0.0.1", 9060), null, file);
    }

    @Test
    void aMissingTokenFileIsCreatedPrivateWithARandomToken(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/admin.token");
        ApiToken token = TokenFiles.forDaemon(withFile(file));
        assertNull(token.unavailableReason());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String written = TokenFiles.forClient(withFile(file));
        assertTrue(written.matches("[0-9a-f]{64}"), written);
        assertTrue(token.accepts("Bearer " + written));
        assertFalse(Files.list(file.getParent()).anyMatch(p -> p.getFileName().toString().contains(".tmp")),
                "no temporary file is left behind");
    }

    @Test
    void twoStartsGenerateDifferentTokensButNeverReplaceAnExistingOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admin.token");
        TokenFiles.forDaemon(withFile(file));
        String first = Files.readString(file);
        TokenFiles.forDaemon(withFile(file));
        assertEquals(first, Files.readString(file));
        Path other = dir.resolve("other.token");
        TokenFiles.forDaemon(withFile(other));
        assertFalse(first.equals(Files.readString(other)));
    }

    @Test
    void anOperatorsTokenFileIsReadStripped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t");
        Files.writeString(file, "  my-own-token-of-length\n");
        assertTrue(TokenFiles.forDaemon(withFile(file)).accepts("Bearer my-own-token-of-length"));
    }

    @Test
    void aTokenInTheConfigNeedsNoFile() throws Exception {
        AdminSettings a = new AdminSettings(true, new InetSocketAddress("127.0.0.1", 9060), "configured-token-123", null);
        assertTrue(TokenFiles.forDaemon(a).accepts("Bearer configured-token-123"));
        assertEquals("configured-token-123", TokenFiles.forClient(a));
    }

    @Test
    void anUnusableFileLeavesMutatingCallsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty");
        Files.writeString(file, "\n");
        ApiToken token = TokenFiles.forDaemon(withFile(file));
        assertNotNull(token.unavailableReason());
        assertTrue(token.unavailableReason().contains(file.toString()), token.unavailableReason());
        assertFalse(token.accepts("Bearer "));
    }
}
