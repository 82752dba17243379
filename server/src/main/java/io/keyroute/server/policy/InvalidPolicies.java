package io.keyroute.server.policy;

import java.util.List;

/** The config's {@code policies:} cannot be used: every problem found, each at its field's path. */
public final class InvalidPolicies extends IllegalArgumentException {
    private final List<Problem> problems;

    InvalidPolicies(List<Problem> problems) {
        super(problems.getFirst().path() + ": " + problems.getFirst().message());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** @param path e.g. {@code policies[2].when} */
    public record Problem(String path, String message) {
    }
}
