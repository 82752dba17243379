package io.keyroute.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FakeOpenAiEndpointsTest {

    static final String KEY = "sk-test";

    FakeOpenAi fake;

    @BeforeEach
    void start() {
        fake = FakeOpenAi.builder().apiKey(KEY).models("gpt-4o", "text-embedding-3-small").start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void baseUrlIsLoopbackV1() {
        assertThat(fake.baseUrl()).isEqualTo("http://127.0.0.1:" + fake.port() + "/v1");
        assertThat(fake.port()).isPositive();
    }

    @Test
    void everyRequestIsRecordedWithHeadersRawBodyAndJson() throws Exception {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"x_unknown\":1}";
        Http.send(Http.post(fake, "/chat/completions", KEY, body).header("X-Trace", "t1"));
        Http.send(Http.post(fake, "/chat/completions", "sk-bad", "not json"));

        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(fake.requests()).hasSize(2);
        RecordedRequest first = fake.requests().getFirst();
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/v1/chat/completions");
        assertThat(first.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(first.header("x-trace")).isEqualTo("t1");
        assertThat(first.bodyText()).isEqualTo(body);
        assertThat(first.json().get("x_unknown").asInt()).isEqualTo(1);

        RecordedRequest last = fake.lastRequest();
        assertThat(last.bodyText()).isEqualTo("not json");
        assertThat(last.json()).isNull();

        fake.reset();
        assertThat(fake.requests()).isEmpty();
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void modelsListAndRetrieve() throws Exception {
        HttpResponse<String> list = Http.send(get("/models"));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).isEqualTo("{\"object\":\"list\",\"data\":["
                + "{\"id\":\"gpt-4o\",\"object\":\"model\",\"created\":1715367049,\"owned_by\":\"system\"},"
                + "{\"id\":\"text-embedding-3-small\",\"object\":\"model\",\"created\":1715367049,\"owned_by\":\"system\"}]}");
        assertThat(Http.json(Http.send(get("/models/gpt-4o")).body()).get("id").asText()).isEqualTo("gpt-4o");
        HttpResponse<String> missing = Http.send(get("/models/nope"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Http.json(missing.body()).at("/error/code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void embeddingsAreDeterministicUnitVectorsWithUsage() throws Exception {
        String body = "{\"model\":\"text-embedding-3-small\",\"input\":[\"hello world\",\"other\"],\"dimensions\":8}";
        JsonNode a = Http.json(Http.send(Http.post(fake, "/embeddings", KEY, body)).body());
        JsonNode b = Http.json(Http.send(Http.post(fake, "/embeddings", KEY, body)).body());

        assertThat(a).isEqualTo(b);
        assertThat(a.get("object").asText()).isEqualTo("list");
        assertThat(a.get("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(a.get("data")).hasSize(2);
        JsonNode first = a.get("data").get(0);
        assertThat(first.get("object").asText()).isEqualTo("embedding");
        assertThat(first.get("index").asInt()).isZero();
        assertThat(first.get("embedding")).hasSize(8);
        double norm = 0;
        for (JsonNode x : first.get("embedding")) {
            norm += x.asDouble() * x.asDouble();
        }
        assertThat(norm).isCloseTo(1.0, within(1e-5));
        assertThat(a.get("data").get(1).get("embedding")).isNotEqualTo(first.get("embedding"));
        assertThat(a.get("usage").toString()).isEqualTo("{\"prompt_tokens\":5,\"total_tokens\":5}"); // 3 + 2

        String b64 = body.replace("\"dimensions\":8", "\"dimensions\":8,\"encoding_format\":\"base64\"");
        JsonNode c = Http.json(Http.send(Http.post(fake, "/embeddings", KEY, b64)).body());
        ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(c.at("/data/0/embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(buf.remaining()).isEqualTo(32);
        assertThat((double) buf.getFloat()).isCloseTo(first.get("embedding").get(0).asDouble(), within(1e-6));
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(fake.baseUrl() + path)).header("authorization", "Bearer " + KEY).GET();
    }
}
