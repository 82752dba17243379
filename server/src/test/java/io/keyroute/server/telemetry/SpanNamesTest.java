package io.keyroute.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpanNamesTest {
    @Test
    void aPairsNameIsJoinedOnceAndThenTheSameString() {
        SpanNames names = new SpanNames();

        String first = names.of("POST", "/v1/chat/completions");

        assertThat(first).isEqualTo("POST /v1/chat/completions");
        assertThat(names.of("POST", new String("/v1/chat/completions"))).isSameAs(first);
        assertThat(names.of("chat", "gpt-4o")).isEqualTo("chat gpt-4o");
    }

    @Test
    void pastItsBoundsANameIsStillRightButNotKept() {
        SpanNames names = new SpanNames();
        for (int i = 0; i < SpanNames.MAX_PER_FIRST; i++) {
            names.of("GET", "/p" + i);
        }
        for (int i = 0; i < SpanNames.MAX_FIRSTS; i++) {
            names.of("M" + i, "/x");
        }

        String unkept = names.of("GET", "/one-too-many");
        String unkeptFirst = names.of("BREW", "/pot");

        assertThat(unkept).isEqualTo("GET /one-too-many");
        assertThat(names.of("GET", "/one-too-many")).isNotSameAs(unkept).isEqualTo(unkept);
        assertThat(unkeptFirst).isEqualTo("BREW /pot");
        assertThat(names.of("BREW", "/pot")).isNotSameAs(unkeptFirst);
        assertThat(names.of("GET", "/p7")).isSameAs(names.of("GET", "/p7"));
    }
}
