package io.keyroute.server.cli.litellm;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.config.KeyrouteConfig;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** A key written in plaintext never reaches the converted text, and still reaches the provider. */
class PlaintextKeyPropertiesTest {
    @Property(tries = 200)
    void aPlaintextKeyIsReadFromAVariableNeverWritten(
            @ForAll @AlphaChars @NumericChars @StringLength(min = 12, max = 80) String secret) {
        String key = "sk-" + secret;
        String litellm = """
                model_list:
                  - model_name: team
                    litellm_params: { model: groq/llama-3.3-70b-versatile, api_key: "%s" }
                """.formatted(key);

        Conversion conversion = new LiteLlmImport().convert(litellm, "config.yaml");

        assertThat(conversion.yaml()).doesNotContain(key);
        assertThat(conversion.notCarried()).allSatisfy(n -> assertThat(n.toString()).doesNotContain(key));
        KeyrouteConfig config = LiteLlmImportTest.load(conversion, Map.of());
        assertThat(config.providers()).filteredOn(p -> p.id().equals("groq"))
                .singleElement().satisfies(p -> assertThat(p.apiKey()).isEqualTo(key));
    }
}
