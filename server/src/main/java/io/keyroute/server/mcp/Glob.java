package io.keyroute.server.mcp;

import java.util.List;
import java.util.regex.Pattern;

/** A name pattern of the config: {@code *} any run of characters, every other character itself. */
final class Glob {
    private final Pattern pattern;

    private Glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        this.pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    static List<Glob> all(List<String> globs) {
        return globs.stream().map(Glob::new).toList();
    }

    boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }

    /** Whether any of {@code globs} matches; an empty list matches everything (a scope that does not narrow). */
    static boolean anyOrEmpty(List<Glob> globs, String value) {
        return globs.isEmpty() || any(globs, value);
    }

    static boolean any(List<Glob> globs, String value) {
        for (Glob glob : globs) {
            if (glob.matches(value)) {
                return true;
            }
        }
        return false;
    }
}
