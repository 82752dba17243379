package io.keyroute.routing.complexity;

/** How demanding a request is, in rising order: compare with {@link #compareTo}. */
public enum Complexity {
    SIMPLE, MODERATE, COMPLEX, ADVANCED
}
