package io.keyroute.server.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One of the built-in prompt sizes, stored as resources beside this class: {@code simple} (a
 * one-line question), {@code medium} (a ~1 KB code review) and {@code complex} (a ~4 KB
 * multi-step planning task).
 */
public record BenchPrompt(String name, String text) {
    public static final List<String> NAMES = List.of("simple", "medium", "complex");

    /** @throws IllegalArgumentException for a name not in {@link #NAMES} */
    public static BenchPrompt named(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown prompt '" + name + "'; choose from " + String.join(", ", NAMES));
        }
        try (InputStream in = BenchPrompt.class.getResourceAsStream(name + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("prompt resource " + name + ".txt is missing from the jar");
            }
            return new BenchPrompt(name, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
