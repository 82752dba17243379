package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableSubstitutionTest {
    private final VariableSubstitution substitution =
            new VariableSubstitution(Map.of("HOST", "example.org", "EMPTY", "", "B", "from-b"));

    private String apply(String text) {
        return substitution.apply(text, "keyroute.yaml");
    }

    @Test
    void replacesASetVariable() {
        assertThat(apply("host: ${HOST}\n")).isEqualTo("host: example.org\n");
    }

    @Test
    void usesTheDefaultWhenUnsetOrEmpty() {
        assertThat(apply("a: ${NOPE:-fallback}")).isEqualTo("a: fallback");
        assertThat(apply("a: ${EMPTY:-fallback}")).isEqualTo("a: fallback");
        assertThat(apply("a: ${NOPE:-}")).isEqualTo("a: ");
        assertThat(apply("a: ${HOST:-fallback}")).isEqualTo("a: example.org");
    }

    @Test
    void aSetButEmptyVariableWithoutDefaultIsEmpty() {
        assertThat(apply("a: '${EMPTY}'")).isEqualTo("a: ''");
    }

    @Test
    void nestedDefaultsResolveInOrder() {
        assertThat(apply("k: ${A:-${B:-none}}")).isEqualTo("k: from-b");
        assertThat(apply("k: ${A:-${C:-none}}")).isEqualTo("k: none");
        assertThat(apply("k: ${HOST:-${B:-none}}")).isEqualTo("k: example.org");
    }

    @Test
    void dollarDollarBraceIsALiteral() {
        assertThat(apply("a: $${HOST}")).isEqualTo("a: ${HOST}");
        assertThat(apply("a: ${NOPE:-x$${y}z}")).isEqualTo("a: x${y}z");
        assertThat(apply("price: $$5 and $HOST")).isEqualTo("price: $$5 and $HOST");
    }

    @Test
    void aMissingVariableNamesFileLineAndVariable() {
        assertThatThrownBy(() -> apply("server:\n  host: x\napi_key: ${OPENAI_KEY}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("keyroute.yaml: line 3: environment variable OPENAI_KEY is not set and has no default"
                        + " (write ${OPENAI_KEY:-} to make it optional)");
    }

    @Test
    void everyMissingVariableIsReportedAtOnce() {
        assertThatThrownBy(() -> apply("a: ${X1}\nb: ${HOST}\nc: ${X2} ${A:-${X3}}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "keyroute.yaml: line 1: environment variable X1 is not set and has no default"
                                + " (write ${X1:-} to make it optional)",
                        "keyroute.yaml: line 3: environment variable X2 is not set and has no default"
                                + " (write ${X2:-} to make it optional)",
                        "keyroute.yaml: line 3: environment variable X3 is not set and has no default"
                                + " (write ${X3:-} to make it optional)"));
    }

    @Test
    void malformedReferencesAreErrors() {
        for (String bad : new String[] {"a: ${}", "a: ${1X}", "a: ${HOST", "a: ${HOST-x}", "a: ${HOST:-x"}) {
            assertThatThrownBy(() -> apply(bad)).as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("keyroute.yaml: line 1: malformed variable reference at column 4");
        }
    }

    @Test
    void commentsAreLeftAlone() {
        String text = "# api_key: ${UNSET_IN_COMMENT}\nhost: ${HOST} # was ${ALSO_UNSET}\n";
        assertThat(apply(text)).isEqualTo("# api_key: ${UNSET_IN_COMMENT}\nhost: example.org # was ${ALSO_UNSET}\n");
    }

    @Test
    void aHashInsideAValueIsNotAComment() {
        assertThat(apply("url: http://h/p#${HOST}")).isEqualTo("url: http://h/p#example.org");
        assertThat(apply("s: \"a # ${HOST}\"")).isEqualTo("s: \"a # example.org\"");
    }

    @Test
    void keepsLineEndings() {
        assertThat(apply("a: ${HOST}\r\nb: 1\r\n")).isEqualTo("a: example.org\r\nb: 1\r\n");
    }
}
