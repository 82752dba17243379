package io.keyroute.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import org.junit.jupiter.api.Test;

class GeminiSchemasTest {
    @Test
    void jsonSchemaBecomesGeminisOpenApiSubset() throws Exception {
        JsonNode schema = Json.MAPPER.readTree("""
                {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
                 "properties":{"type":{"type":["string","null"],"enum":["a","b"]},
                               "items":{"type":"array","items":{"type":"integer"}}},
                 "required":["type"]}""");

        JsonNode clean = GeminiSchemas.clean(schema);

        assertThat(clean.has("$schema")).isFalse();
        assertThat(clean.has("additionalProperties")).isFalse();
        assertThat(clean.path("type").asText()).isEqualTo("OBJECT");
        assertThat(clean.path("properties").path("type").path("type").asText()).isEqualTo("STRING");
        assertThat(clean.path("properties").path("type").path("nullable").asBoolean()).isTrue();
        assertThat(clean.path("properties").path("items").path("items").path("type").asText()).isEqualTo("INTEGER");
        assertThat(schema.path("type").asText()).as("the caller's schema is untouched").isEqualTo("object");
    }
}
