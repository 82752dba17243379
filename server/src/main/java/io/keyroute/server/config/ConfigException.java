package io.keyroute.server.config;

import java.util.List;

/**
 * A config that cannot be used, with every problem found (not just the first), each one line
 * of the form {@code FILE: field.path: what is wrong}. Messages never quote a value that may be
 * a secret.
 */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
