package dev.pidgr.app.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folders and files only their owner may read, with the permissions given when they are created
 * (never created with the umask's and narrowed afterwards, which leaves a moment when others can
 * read them). On a file system without POSIX permissions they get its defaults.
 */
final class PrivateFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * Creates the folder (and missing parents) as rwx------, or narrows an existing one that others can enter, saying
     * so.
     */
    static void folder(Path dir) throws IOException {
        if (Files.notExists(dir)) {
            Path parent = dir.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectories(dir, attributes(dir.getParent(), FOLDER));
            return;
        }
        if (!posix(dir)) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
        if (!FOLDER.containsAll(now)) {
            Files.setPosixFilePermissions(dir, EnumSet.copyOf(FOLDER));
            LOG.warn("data folder {} was open to other users ({}); it is now {}", dir,
                    PosixFilePermissions.toString(now), PosixFilePermissions.toString(FOLDER));
        }
    }

    /** Replaces {@code file} atomically with {@code content}, the file being rw------- from its creation. */
    static void write(Path file, byte[] content) throws IOException {
        Path tmp = newEmptyFile(file.getParent(), file.getFileName().toString());
        try {
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A new empty file next to where {@code name} goes, created rw-------. */
    static Path newEmptyFile(Path dir, String name) throws IOException {
        return Files.createTempFile(dir, name + ".", ".tmp", attributes(dir, FILE));
    }

    private static FileAttribute<?>[] attributes(Path near, Set<PosixFilePermission> permissions) throws IOException {
        return near != null && posix(near)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) throws IOException {
        return Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class);
    }
}
