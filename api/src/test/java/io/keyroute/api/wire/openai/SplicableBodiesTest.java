package io.keyroute.api.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.RawBody;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.wire.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplicableBodiesTest {
    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes the span covers, as text. */
    private static String spanned(RawBody raw) {
        return new String(Arrays.copyOfRange(raw.bytes(), raw.modelStart(), raw.modelEnd()), StandardCharsets.UTF_8);
    }

    @Test
    void spanCoversTheTopLevelModelStringWithItsQuotesAndEscapesAsSent() throws Exception {
        String json = " \n{\"metadata\":{\"model\":\"nested\"},\n  \"temperature\" : 0.5, \"model\" :\t\"caf\\u00e9/\u00e9\\\"x\" ,"
                + MESSAGES + "}\n";

        SplicableBodies.Parsed parsed = SplicableBodies.parse(utf8(json));

        assertThat(parsed.tree()).isEqualTo(Json.MAPPER.readTree(json));
        assertThat(parsed.raw().bytes()).isEqualTo(utf8(json));
        assertThat(parsed.raw().objectStart()).isEqualTo(2);
        assertThat(spanned(parsed.raw())).isEqualTo("\"caf\\u00e9/\u00e9\\\"x\"");
        assertThat(parsed.raw().describes(parsed.tree())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"model\":\"a\",\"model\":\"b\"," + MESSAGES + "}",
            "{\"model\":\"a\",\"stream\":true," + MESSAGES + ",\"stream\":false}",
            "{\"x\":1,\"model\":\"a\"," + MESSAGES + ",\"x\":{\"y\":2}}"})
    void aDuplicateTopLevelKeyKeepsNoBytesAndReadsAsReadTreeDoes(String json) throws Exception {
        SplicableBodies.Parsed parsed = SplicableBodies.parse(utf8(json));

        assertThat(parsed.raw()).isNull();
        assertThat(parsed.tree()).isEqualTo(Json.MAPPER.readTree(json));
    }

    @Test
    void aDuplicateKeyBelowTheTopLevelDoesNotMatter() throws Exception {
        String json = "{\"model\":\"a\",\"metadata\":{\"k\":1,\"k\":2}," + MESSAGES + "}";

        SplicableBodies.Parsed parsed = SplicableBodies.parse(utf8(json));

        assertThat(parsed.tree()).isEqualTo(Json.MAPPER.readTree(json));
        assertThat(spanned(parsed.raw())).isEqualTo("\"a\"");
    }

    @Test
    void otherEncodingsAreReadButNotSpliced() throws Exception {
        String json = "{\"model\":\"a\"," + MESSAGES + "}";

        SplicableBodies.Parsed parsed = SplicableBodies.parse(json.getBytes(StandardCharsets.UTF_16BE));

        assertThat(parsed.tree()).isEqualTo(Json.MAPPER.readTree(json));
        assertThat(parsed.raw()).isNull();
    }

    @Test
    void aBodyWithAByteOrderMarkIsReadButNotSpliced() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] json = utf8("{\"model\":\"a\"," + MESSAGES + "}");
        byte[] body = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, body, 0, 3);
        System.arraycopy(json, 0, body, 3, json.length);

        SplicableBodies.Parsed parsed = SplicableBodies.parse(body);

        assertThat(parsed.tree()).isEqualTo(Json.MAPPER.readTree(json));
        assertThat(parsed.raw()).isNull();
    }

    @Test
    void aNonStringModelHasNoSpan() {
        assertThat(SplicableBodies.parse(utf8("{\"model\":7," + MESSAGES + "}")).raw()).isNull();
        assertThat(SplicableBodies.parse(utf8("{" + MESSAGES + "}")).raw()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"model\":\"a\"}{}", "{\"model\":\"a\"} x", "[1]", "", "{\"model\":\"a\",", "{\"model\":tru}"})
    void malformedBodiesGetTheSameErrorAsAPlainParse(String json) {
        ClientError plain = catchThrowableOfType(ClientError.class, () -> JsonBodies.parseObject(utf8(json)));
        ClientError here = catchThrowableOfType(ClientError.class, () -> SplicableBodies.parse(utf8(json)));

        assertThat(here).isNotNull();
        assertThat(here.getMessage()).isEqualTo(plain.getMessage());
    }

    @Test
    void theReadersKeepTheBytes() {
        byte[] chat = utf8("{\"model\":\"m\"," + MESSAGES + "}");
        byte[] embeddings = utf8("{\"model\":\"e\",\"input\":\"hi\"}");

        ChatRequest request = OpenAiChatRequestReader.read(chat);

        assertThat(request.raw().bytes()).isSameAs(chat);
        assertThat(OpenAiEmbeddingsRequestReader.read(embeddings).raw().bytes()).isSameAs(embeddings);
    }

    @Test
    void aRequestAroundAnotherBodyCarriesNoBytes() {
        ChatRequest request = OpenAiChatRequestReader.read(utf8("{\"model\":\"m\"," + MESSAGES + "}"));
        var copy = request.body().deepCopy();

        assertThat(request.withBody(copy).raw()).isNull();
        assertThat(request.withBody(request.body()).raw()).isNull();
        assertThat(new ChatRequest(request.format(), copy, "m", false, false, request.passHeaders(), request.raw()).raw())
                .as("even when handed the old bytes").isNull();
        assertThat(request.withPassHeaders(java.util.Map.of("x", "y")).raw()).isSameAs(request.raw());
    }
}
