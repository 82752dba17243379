package io.keyroute.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Points sqlite-jdbc at a copy of its native library kept beside the database. Left to itself, the
 * driver writes its ~1 MB library to a new temporary file on every start and compares it with the
 * jar's copy byte by byte: ~0.25 s of Keyroute's start-up, most of it interpreted code. The copy is
 * named after the driver's version and written once (to a temporary name, then moved into place),
 * so an upgrade writes a new one. When anything goes wrong the driver loads the library its own way.
 */
final class SqliteNativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {
    }

    /** Before the first SQLite connection of this process: use (and if needed write) the copy in {@code directory}. */
    static synchronized void useCopyIn(Path directory) {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return; // set by the operator, or by an earlier database of this process
        }
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        String name = "sqlite-" + SQLiteJDBCLoader.getVersion() + "-" + LibraryLoaderUtil.getNativeLibName();
        Path copy = directory.resolve(name);
        try {
            if (!Files.isRegularFile(copy)) {
                write(resource, copy);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("SQLite's native library stays with the driver's own loading: {}", e.toString());
            return;
        }
        System.setProperty(PATH_PROPERTY, directory.toAbsolutePath().toString());
        System.setProperty(NAME_PROPERTY, name);
    }

    private static void write(String resource, Path copy) throws IOException {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no native library in the driver for this platform: " + resource);
            }
            Files.createDirectories(copy.getParent());
            Path partial = Files.createTempFile(copy.getParent(), copy.getFileName().toString(), ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}
