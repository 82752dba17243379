package io.keyroute.server.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSpansTest {
    private static final String FIRST = "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
            + "\"text\":\"a ] bracket, a \\\"quote\\\", \\u00e9 and é\"}]}";
    private static final String SECOND = "{ \"type\" : \"function_call_output\", \"call_id\" : \"c\", \"output\" : \"{}\" }";

    /** Each item as the caller sent it: spacing, escapes and UTF-8 untouched; fields around it skipped, nested names ignored. */
    @Test
    void theItemsOfATopLevelArrayAreCutAsSent() throws IOException {
        String body = "{\"model\":\"m\",\"metadata\":{\"input\":[1]},\"input\":[ " + FIRST + " ,\n " + SECOND
                + " ],\"tools\":[]}";

        List<byte[]> items = JsonSpans.arrayItems(utf8(body), "input");

        assertThat(items).extracting(item -> new String(item, StandardCharsets.UTF_8)).containsExactly(FIRST, SECOND);
    }

    @Test
    void withoutSuchAnArrayThereIsNothingToCut() throws IOException {
        assertThat(JsonSpans.arrayItems(utf8("{\"input\":\"just text\"}"), "input")).isNull();
        assertThat(JsonSpans.arrayItems(utf8("{\"model\":\"m\"}"), "input")).isNull();
        assertThat(JsonSpans.arrayItems(utf8("[{\"input\":[]}]"), "input")).isNull();
        assertThat(JsonSpans.arrayItems(utf8("{\"input\":[]}"), "input")).isEmpty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
