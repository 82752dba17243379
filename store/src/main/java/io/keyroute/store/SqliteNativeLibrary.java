package io.keyroute.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Points sqlite-jdbc at a copy of its native library kept beside the database. Left to itself, the
 * driver writes its ~1 MB library to a new temporary file on every start and compares it with the
 * jar's copy byte by byte: ~0.25 s of Keyroute's start-up, most of it interpreted code. The copy is
 * named after the driver's version and written once (to a temporary name, then moved into place),
 * so an upgrade writes a new one. Native code runs with the process's rights, so before each use
 * the copy is compared with the jar's own library (two reads and an intrinsic array comparison, a
 * few milliseconds) and replaced when it differs; the directory is owner-only and the copy 0600.
 * When anything goes wrong the driver loads the library its own way.
 */
final class SqliteNativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {
    }

    /** Before the first SQLite connection of this process: use (after checking, and if needed writing) the copy in {@code directory}. */
    static synchronized void useCopyIn(Path directory) {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return; // set by the operator, or by an earlier database of this process
        }
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        String name = "sqlite-" + SQLiteJDBCLoader.getVersion() + "-" + LibraryLoaderUtil.getNativeLibName();
        Path copy = directory.resolve(name);
        try {
            byte[] library = driversLibrary(resource);
            PrivateFiles.directory(directory);
            if (!Files.isRegularFile(copy)) {
                write(library, copy);
            } else if (!Arrays.equals(Files.readAllBytes(copy), library)) {
                LOG.warn("SQLite's native library {} differs from the driver's own: replaced", copy);
                write(library, copy);
            } else {
                PrivateFiles.restrictFile(copy);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("SQLite's native library stays with the driver's own loading: {}", e.toString());
            return;
        }
        System.setProperty(PATH_PROPERTY, directory.toAbsolutePath().toString());
        System.setProperty(NAME_PROPERTY, name);
    }

    private static byte[] driversLibrary(String resource) throws IOException {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no native library in the driver for this platform: " + resource);
            }
            return in.readAllBytes();
        }
    }

    private static void write(byte[] library, Path copy) throws IOException {
        Path partial = Files.createTempFile(copy.getParent(), copy.getFileName().toString(), ".partial",
                PrivateFiles.attributes(copy));
        try {
            Files.write(partial, library);
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
