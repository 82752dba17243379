package io.keyroute.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyroute's data at rest is its own: directories 0700 and files 0600 (the SQLite database and
 * its WAL, the generated master key, the usage journal, the native library copy), so no other
 * local account reads secrets, usage or credentials. Created so from the start, never readable by
 * others even for a moment, and tightened when an earlier version left them wider. Where the file
 * system has no POSIX permissions (Windows) its own ACLs apply.
 */
public final class PrivateFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** A directory that is Keyroute's alone: created owner-only (with missing parents), or made so. */
    public static Path directory(Path dir) {
        createDirectories(dir);
        restrict(dir, DIRECTORY);
        return dir;
    }

    /**
     * Creates the directory owner-only if it is missing; an existing one is left as the operator made
     * it (it may be shared, e.g. {@code /var/lib}): the files Keyroute puts in it are owner-only.
     */
    public static Path createDirectories(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                if (posix(dir.toAbsolutePath().getRoot())) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
                } else {
                    Files.createDirectories(dir);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + dir, e);
        }
    }

    /** A file that is Keyroute's: created empty and owner-only if missing, else made owner-only. */
    public static Path file(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, attributes(file));
                return file;
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // created meanwhile (another connection, another process): tightened below
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        restrictFile(file);
        return file;
    }

    /** Makes an existing file owner-only; nothing if it does not exist. */
    public static void restrictFile(Path file) {
        if (Files.exists(file)) {
            restrict(file, FILE);
        }
    }

    /** The attributes that create a file owner-only in {@code file}'s directory, for {@code Files.createFile} and {@code FileChannel.open}. */
    public static FileAttribute<?>[] attributes(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            if (!view.readAttributes().permissions().equals(permissions)) {
                view.setPermissions(permissions);
            }
        } catch (IOException e) { // e.g. another account's file: it still works, but say so
            LOG.warn("cannot make {} accessible to its owner only ({}); check its permissions", path, e.toString());
        }
    }

    private static boolean posix(Path path) {
        return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
