package io.keyroute.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonSizesTest {

    @Test
    void aTreeIsSizedAsItsJsonIsLongInCharactersAndInUtf8Bytes() throws Exception {
        JsonNode tools = Json.MAPPER.readTree("""
                [{"name":"Read","description":"Lit un fichier — vite \\"entier\\"\\n","input_schema":{"type":"object",
                  "properties":{"path":{"type":"string","maxLength":4096}},"required":["path"],"strict":true,
                  "emoji":"😀","n":-1.5e3}}]""");

        String json = tools.toString();
        assertThat(JsonSizes.chars(tools)).isEqualTo(json.length()).isEqualTo(217);
        assertThat(JsonSizes.utf8Bytes(tools)).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length).isEqualTo(221);
    }

    @Test
    void aTextsUtf8BytesCountEachCharacterAsItIsEncoded() {
        assertThat(JsonSizes.utf8Bytes("aé€😀")).isEqualTo(1 + 2 + 3 + 4);
    }
}
