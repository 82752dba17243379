package io.keyroute.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The console's files, read once from the classpath into memory: {@code console/} (ours) and uPlot's
 * WebJar (under {@code vendor/uplot/}). Only these exact names are ever served, so no request path can
 * reach another file. The version in every asset URL is a hash of all of them: any change to any file
 * gives new URLs (so assets may be cached forever), and replicas built from the same sources agree.
 */
public final class ConsoleAssets {
    static final String ROOT = "console";
    private static final String INDEX = "index.html";
    private static final String VERSION_MARK = "%VERSION%";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    /** A file served as is: its bytes and its {@code Content-Type}. */
    public record Asset(byte[] bytes, String contentType) {
    }

    private final Map<String, Asset> assets;
    private final Asset index;
    private final String version;

    private ConsoleAssets(Map<String, Asset> assets, Asset index, String version) {
        this.assets = assets;
        this.index = index;
        this.version = version;
    }

    /** The console as this classpath has it (read once per process: the files cannot change under it). */
    public static ConsoleAssets bundled() {
        return Bundled.ASSETS;
    }

    private static final class Bundled {
        static final ConsoleAssets ASSETS = load();
    }

    private static ConsoleAssets load() {
        Map<String, byte[]> files = new TreeMap<>(read(ROOT));
        files.put("vendor/uplot/uPlot.esm.js", resource(UPLOT + "uPlot.esm.js"));
        files.put("vendor/uplot/uPlot.min.css", resource(UPLOT + "uPlot.min.css"));
        String version = hash(files);
        byte[] page = files.remove(INDEX);
        if (page == null) {
            throw new IllegalStateException("the console's " + INDEX + " is missing from the classpath");
        }
        Asset index = new Asset(new String(page, StandardCharsets.UTF_8).replace(VERSION_MARK, version)
                .getBytes(StandardCharsets.UTF_8), TYPES.get("html"));
        Map<String, Asset> assets = new TreeMap<>();
        files.forEach((name, bytes) -> type(name).ifPresent(type -> assets.put(name, new Asset(bytes, type))));
        return new ConsoleAssets(Map.copyOf(assets), index, version);
    }

    /** The shell page, its asset URLs carrying {@link #version()}. */
    public Asset index() {
        return index;
    }

    public String version() {
        return version;
    }

    /** The asset at {@code name} (e.g. {@code js/app.js}), if it is one of the console's files. */
    public Optional<Asset> asset(String name) {
        return Optional.ofNullable(assets.get(name));
    }

    private static Optional<String> type(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.ofNullable(TYPES.get(name.substring(dot + 1)));
    }

    /** Every regular file under the classpath directory {@code dir}, by its path relative to it. */
    private static Map<String, byte[]> read(String dir) {
        URL marker = ConsoleAssets.class.getClassLoader().getResource(dir + "/" + INDEX);
        if (marker == null) {
            throw new IllegalStateException("the console (" + dir + "/" + INDEX + ") is missing from the classpath");
        }
        try {
            URI uri = marker.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return readTree(Path.of(uri).getParent());
            }
            // A private view of the jar (never registered, so it cannot clash with another's), closed after.
            Path jarFile = Path.of(URI.create(uri.getRawSchemeSpecificPart().substring(0,
                    uri.getRawSchemeSpecificPart().indexOf("!/"))));
            try (FileSystem jar = FileSystems.newFileSystem(jarFile)) {
                return readTree(jar.getPath("/" + dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's files", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> readTree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath (the uPlot WebJar)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first 12 hex digits of a SHA-256 over every file's name and bytes, in name order. */
    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((name, bytes) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(bytes);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
