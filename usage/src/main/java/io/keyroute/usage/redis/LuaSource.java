package io.keyroute.usage.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The text of a Lua script kept as resources beside the class that runs it: parts joined in order
 * (shared functions first), so one script Redis runs atomically can be written as several files.
 */
public final class LuaSource {
    private LuaSource() {
    }

    /** The resources {@code names}, relative to {@code owner}'s package, each ending in a newline. */
    public static String of(Class<?> owner, String... names) {
        var text = new StringBuilder();
        for (String name : names) {
            try (InputStream in = owner.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing script " + name);
                }
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }
}
