package io.keyroute.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.ChatRequest;
import io.keyroute.api.Json;
import io.keyroute.api.Secret;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.providers.Credential;
import io.keyroute.providers.http.ProviderErrors;
import io.keyroute.providers.translate.Translation;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class GeminiAdapterTest {
    private final GeminiAdapter adapter = new GeminiAdapter(new ProviderErrors(Clock.systemUTC()),
            new Translation(Clock.systemUTC()));

    @Test
    void urlsFollowTheSdksLayout() {
        URI root = URI.create("https://generativelanguage.googleapis.com");
        assertThat(GeminiApi.modelUri(root, "gemini-2.5-flash", ":generateContent")).isEqualTo(
                URI.create("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"));
        assertThat(GeminiApi.modelUri(URI.create("http://h/v1beta/"), "models/x", ":embedContent"))
                .isEqualTo(URI.create("http://h/v1beta/models/x:embedContent"));
    }

    @Test
    void pathsMethodsAndUrlCharactersAreRefusedBeforeAnythingIsBuilt() {
        URI root = URI.create("https://generativelanguage.googleapis.com");
        for (String model : new String[] {"../../v1beta/files", "models/../files", "tunedModels/x", "..", ".",
                "models/", "x?key=1", "x#y", "x%2F..%2Ffiles", "gemini-2.5-flash:countTokens", "x@1", "x+y"}) {
            ClientError error = catchThrowableOfType(ClientError.class,
                    () -> GeminiApi.modelUri(root, model, ":generateContent"));
            assertThat(error).as(model).isNotNull();
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.code()).isEqualTo("invalid_model");
        }
    }

    @Test
    void callIdsAreStable() throws Exception {
        var call = Json.MAPPER.readTree("{\"name\":\"f\",\"args\":{\"a\":1}}");
        assertThat(GeminiWire.callId(call, 0)).isEqualTo(GeminiWire.callId(call, 0)).startsWith("call_")
                .isNotEqualTo(GeminiWire.callId(call, 1));
        assertThat(GeminiWire.callId(Json.MAPPER.readTree("{\"id\":\"own\",\"name\":\"f\"}"), 0)).isEqualTo("own");
    }

    @Test
    void aThoughtSignatureTravelsInTheCallIdAndComesBackOnTheCall() throws Exception {
        var call = Json.MAPPER.readTree("{\"name\":\"f\",\"args\":{}}");
        String id = GeminiWire.callId(call, 0, "c2lnbmF0dXJl");
        assertThat(GeminiWire.signatureOf(id)).isEqualTo("c2lnbmF0dXJl");

        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"%s\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"%s\",\"content\":\"ok\"}]}")
                .formatted(id, id));
        var sent = Json.MAPPER.readTree(adapter.toUpstream(new ChatRequest(WireFormat.OPENAI_CHAT, body, "g", false, false),
                "gemini-3-pro", URI.create("http://h"), new Credential("c", Secret.of("k"))).body());

        var part = sent.path("contents").get(1).path("parts").get(0);
        assertThat(part.path("thoughtSignature").asText()).isEqualTo("c2lnbmF0dXJl");
        assertThat(sent.path("contents").get(2).path("parts").get(0).path("functionResponse").path("name").asText()).isEqualTo("f");
    }
}
