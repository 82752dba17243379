package io.keyroute.store;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The versions of the migrations this build carries ({@code V<n>__*.sql} under {@code db/migration}),
 * read from the class path without starting Flyway: from the directory in a build tree, from the
 * jar's entries in a distribution. Numbers need not be contiguous: migrations numbered apart may
 * arrive in either order.
 */
final class MigrationFiles {
    static final String LOCATION = "db/migration";
    private static final Pattern NAME = Pattern.compile("(?:^|/)V(\\d+)__[^/]*\\.sql$");

    private MigrationFiles() {
    }

    static Set<Integer> versions() {
        return versions(Database.class.getClassLoader());
    }

    /** The versions {@code loader} finds; empty when it cannot list them (then Flyway itself looks). */
    static Set<Integer> versions(ClassLoader loader) {
        URL folder = loader.getResource(LOCATION);
        if (folder == null) {
            return Set.of();
        }
        Set<Integer> versions = new TreeSet<>();
        try {
            if (folder.getProtocol().equals("jar")) {
                var connection = (JarURLConnection) folder.openConnection();
                connection.setUseCaches(false);
                try (var jar = connection.getJarFile()) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(LOCATION + "/")).forEach(n -> add(n, versions));
                }
            } else {
                try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                    files.forEach(f -> add(f.getFileName().toString(), versions));
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Set.of();
        }
        return Collections.unmodifiableSet(versions);
    }

    private static void add(String name, Set<Integer> versions) {
        Matcher m = NAME.matcher(name);
        if (m.find()) {
            versions.add(Integer.parseInt(m.group(1)));
        }
    }
}
