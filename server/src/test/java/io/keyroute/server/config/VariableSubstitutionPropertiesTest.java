package io.keyroute.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

class VariableSubstitutionPropertiesTest {

    @Property
    void textWithoutAReferenceIsUnchanged(@ForAll String text) {
        Assume.that(!text.contains("${"));
        assertThat(new VariableSubstitution(Map.of("A", "x")).apply(text, "f.yaml")).isEqualTo(text);
    }

    @Property
    void textWithoutAReferenceIsUnchangedEvenWhenDense(
            @ForAll @Chars({'$', '{', '}', ':', '-', '#', ' ', '\n', 'A', '\''}) @StringLength(max = 40) String text) {
        Assume.that(!text.contains("${"));
        assertThat(new VariableSubstitution(Map.of("A", "x")).apply(text, "f.yaml")).isEqualTo(text);
    }

    @Property
    void substitutedValuesAreNeverScannedAgain(
            @ForAll @CharRange(from = ' ', to = '~') @StringLength(max = 30) String prefix,
            @ForAll @CharRange(from = ' ', to = '~') @StringLength(max = 30) String suffix) {
        // The value looks like references (set, unset and escaped); it must come out exactly as is.
        String value = prefix + "${SET}${UNSET}$${SET}${SET:-d}" + suffix;
        var env = Map.of("V", value, "SET", "replaced");
        assertThat(new VariableSubstitution(env).apply("k: ${V}", "f.yaml")).isEqualTo("k: " + value);
        assertThat(new VariableSubstitution(env).apply("k: ${V:-fallback}", "f.yaml")).isEqualTo("k: " + value);
    }
}
