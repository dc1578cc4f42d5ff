package io.sipfront.core.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * What the watched files look like now: modification time, size and file key (inode) of each, following symlinks.
 * Polling these catches in-place writes, atomic renames and a certbot {@code live/} symlink moved to a new
 * {@code archive/} file, which inotify on the directory can miss. A missing file has its own stamp, so its return
 * counts as a change.
 */
record FileStamps(List<Stamp> stamps) {
    record Stamp(Path path, long modifiedNanos, long size, Object fileKey) {
    }

    FileStamps {
        stamps = List.copyOf(stamps);
    }

    static FileStamps of(List<Path> files) {
        return new FileStamps(files.stream().map(FileStamps::stamp).toList());
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(file, a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), a.size(),
                    a.fileKey());
        } catch (IOException e) {
            return new Stamp(file, -1, -1, null);
        }
    }
}
