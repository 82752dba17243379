package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.config.KeyrouteConfig;
import io.keyroute.server.config.KeyrouteConfig.ProviderSettings;
import io.keyroute.server.config.KeyrouteConfig.RetrySettings;
import io.keyroute.server.config.KeyrouteConfig.RouteSettings;
import io.keyroute.server.config.KeyrouteConfig.ServerSettings;
import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.replies.Reply;
import io.keyroute.usage.RequestRecord;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Responses API's WebSocket mode, {@code GET /v1/responses} upgraded, with the JDK's own
 * WebSocket client on loopback: the handshake's refusals, each {@code response.create} as the same
 * events the SSE path sends (translated for Anthropic, passed through for OpenAI), the socket's
 * own continuation of {@code previous_response_id} with {@code store:false} (Codex's way), a close
 * mid-stream cancelling and charging the upstream call, and the bounds.
 */
class ResponsesWebSocketTest {
    private static final String HAIKU = "anthropic/claude-haiku-4-5";
    private static final String MINI = "openai/gpt-4o-mini";

    private FakeAnthropic anthropic;
    private FakeOpenAi openai;
    private TestGateway keyroute;

    @BeforeEach
    void start() {
        anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
        openai = FakeOpenAi.start(TestGateway.UPSTREAM_KEY);
        // 64 KiB messages at most; a 100 ms heartbeat, so a caller gone while the upstream is silent is noticed at once
        keyroute = TestGateway.with(new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 100L, 64),
                null, null,
                List.of(new ProviderSettings("anthropic", "anthropic", anthropic.baseUrl(), TestGateway.ANTHROPIC_KEY,
                                5_000L, 2_000L, Map.of()),
                        new ProviderSettings("openai", "openai", openai.baseUrl(), TestGateway.UPSTREAM_KEY, 5_000L,
                                2_000L, Map.of())),
                List.of(), List.of(), new RetrySettings(1, 1L, 5L), null, null), Caller.unrestricted("key_test", "user_test"));
    }

    @AfterEach
    void stop() {
        keyroute.close();
        openai.close();
        anthropic.close();
    }

    private ResponsesSocketClient socket() {
        return ResponsesSocketClient.connect(keyroute.gateway.port(), TestGateway.KEYROUTE_KEY);
    }

    private static String create(String model, String rest) {
        return "{\"type\":\"response.create\",\"model\":\"" + model + "\"," + rest + "}";
    }

    /** The same request over HTTP, streamed: its events. */
    private List<JsonNode> overSse(String model, String rest) throws Exception {
        var response = keyroute.post("/responses", "{\"model\":\"" + model + "\",\"stream\":true," + rest + "}");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(Json.MAPPER.readTree(line.substring(6)));
            }
        }
        return events;
    }

    /** The request over SSE, then as one {@code response.create} (with {@code extra} fields) on a socket: both event lists. */
    private List<List<JsonNode>> overSseThenSocket(String model, String rest, String extra) throws Exception {
        List<JsonNode> sse = overSse(model, rest);
        try (var socket = socket()) {
            socket.send(create(model, rest + extra));
            return List.of(sse, socket.response());
        }
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    private static String text(List<JsonNode> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.path("type").asText().equals("response.output_text.delta"))
                .forEach(e -> text.append(e.path("delta").asText()));
        return text.toString();
    }

    @Test
    void aHandshakeWithoutAValidKeyIsRefused401BeforeTheUpgrade() throws Exception {
        for (String key : new String[] {null, "kr-" + "WrongKeyWrongKeyWrongKeyWrongKeyWrongKey01"}) {
            assertThatThrownBy(() -> ResponsesSocketClient.connect(keyroute.gateway.port(), key))
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .isEqualTo(401));
        }
        String answer = rawHandshake(null);
        assertThat(answer).startsWith("HTTP/1.1 401");
        assertThat(answer).contains("\"type\":\"authentication_error\"", "\"code\":\"invalid_api_key\"");
        assertThat(keyroute.records).isEmpty();
    }

    @Test
    void aPlainGetIsNoSocketAndSaysSo() throws Exception {
        var response = keyroute.call("GET", "/v1/responses", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Upgrade: websocket", "POST /v1/responses");
    }

    @Test
    void aTranslatedResponseIsTheSseEventsOneMessageEach() throws Exception {
        Reply hello = Reply.text("Hello from Haiku, twice.").usage(12, 6, 0, 0);
        anthropic.enqueue(hello, hello);

        List<List<JsonNode>> both = overSseThenSocket(HAIKU, "\"input\":\"Hi\"", "");
        List<JsonNode> sse = both.get(0);
        List<JsonNode> events = both.get(1);

        assertThat(types(events)).isEqualTo(types(sse)).startsWith("response.created").endsWith("response.completed");
        assertThat(text(events)).isEqualTo(text(sse)).isEqualTo("Hello from Haiku, twice.");
        assertThat(events.getLast().path("response").path("usage")).isEqualTo(sse.getLast().path("response").path("usage"));
        assertThat(anthropic.lastRequest().json().path("stream").asBoolean()).isTrue();
        RequestRecord record = keyroute.awaitRecord(2);
        assertThat(record.streamed()).isTrue();
        assertThat(record.outcome()).isEqualTo("ok");
        assertThat(record.usage().promptTokens()).isEqualTo(12);
        assertThat(record.costMicros()).isEqualTo(keyroute.records.getFirst().costMicros()).isPositive();
    }

    @Test
    void aPassedThroughResponseIsOpenAisEventsAndTheUpstreamGetsTheBodyWithoutTheMessageType() throws Exception {
        Reply hello = Reply.text("Hello from OpenAI.").usage(10, 4, 0, 0);
        openai.enqueue(hello, hello);

        List<List<JsonNode>> both = overSseThenSocket(MINI, "\"input\":\"Hi\"", ",\"stream\":false");
        List<JsonNode> sse = both.get(0);
        List<JsonNode> events = both.get(1);

        assertThat(types(events)).isEqualTo(types(sse)).endsWith("response.completed");
        assertThat(text(events)).isEqualTo("Hello from OpenAI.");
        JsonNode sent = openai.lastRequest().json();
        assertThat(openai.lastRequest().path()).isEqualTo("/v1/responses");
        assertThat(sent.has("type")).isFalse();
        assertThat(sent.path("stream").asBoolean()).as("streamed, whatever the message said").isTrue();
        assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(keyroute.awaitRecord(2).costMicros()).isEqualTo(keyroute.records.getFirst().costMicros());
    }

    @Test
    void theNextResponseContinuesTheSocketsLastWithStoreFalseAsOneWholeConversation() throws Exception {
        anthropic.enqueue(Reply.text("Hello Ada.").usage(10, 3, 0, 0), Reply.text("Ada.").usage(20, 2, 0, 0));
        twoTurnsOnOneSocket(HAIKU);

        JsonNode messages = anthropic.lastRequest().json().path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(0).toString()).contains("My name is Ada.");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(1).toString()).contains("Hello Ada.");
        assertThat(messages.get(2).toString()).contains("What is my name?");
        assertThat(keyroute.awaitRecords(2)).extracting(RequestRecord::outcome).containsExactly("ok", "ok");
    }

    @Test
    void aPassedThroughContinuationReachesOpenAiWholeWithoutAPreviousResponseId() throws Exception {
        openai.enqueue(Reply.text("Hello Ada.").usage(10, 3, 0, 0), Reply.text("Ada.").usage(20, 2, 0, 0));
        twoTurnsOnOneSocket(MINI);

        JsonNode sent = openai.lastRequest().json();
        assertThat(sent.has("previous_response_id")).isFalse();
        assertThat(sent.path("input")).hasSize(3);
        assertThat(sent.path("input").get(0).toString()).contains("My name is Ada.");
        assertThat(sent.path("input").get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(sent.path("input").get(2).toString()).contains("What is my name?");
    }

    /** Codex's way: the first turn whole with {@code store:false}, the second only its new item and the first's id. */
    private void twoTurnsOnOneSocket(String model) throws Exception {
        try (var socket = socket()) {
            socket.send(create(model, "\"store\":false,\"input\":\"My name is Ada.\""));
            String first = socket.response().getLast().path("response").path("id").asText();
            socket.send(create(model, "\"store\":false,\"previous_response_id\":\"" + first + "\",\"input\":"
                    + "[{\"type\":\"message\",\"role\":\"user\",\"content\":\"What is my name?\"}]"));
            assertThat(text(socket.response())).isEqualTo("Ada.");
        }
    }

    @Test
    void aToolLoopSendsEachTurnTheMomentThePreviousEndsAndNoneIsRefused() throws Exception {
        String previous = null;
        try (var socket = socket()) {
            for (int turn = 1; turn <= 30; turn++) {
                openai.enqueue(Reply.text("done " + turn).usage(10, 2, 0, 0));
                socket.send(create(MINI, "\"store\":false," + (previous == null ? ""
                        : "\"previous_response_id\":\"" + previous + "\",") + "\"input\":\"turn " + turn + "\""));
                JsonNode last = socket.response().getLast();
                assertThat(last.path("type").asText()).as("turn %d", turn).isEqualTo("response.completed");
                previous = last.path("response").path("id").asText();
            }
        }

        JsonNode input = openai.lastRequest().json().path("input");
        assertThat(input).hasSize(59); // 30 questions and 29 answers, the whole loop
        assertThat(input.get(58).toString()).contains("turn 30");
    }

    @Test
    void aWarmUpReachesNoProviderAndTheNextResponseContinuesItsInput() throws Exception {
        anthropic.enqueue(Reply.text("Ada.").usage(20, 2, 0, 0));
        try (var socket = socket()) {
            socket.send(create(HAIKU, "\"generate\":false,\"store\":false,\"input\":\"My name is Ada.\""));
            List<JsonNode> warmUp = socket.response();

            assertThat(types(warmUp)).containsExactly("response.created", "response.in_progress", "response.completed");
            assertThat(warmUp.getLast().path("response").path("output")).isEmpty();
            assertThat(anthropic.requests()).isEmpty();
            String id = warmUp.getLast().path("response").path("id").asText();
            socket.send(create(HAIKU, "\"store\":false,\"previous_response_id\":\"" + id + "\",\"input\":\"And my name?\""));
            assertThat(text(socket.response())).isEqualTo("Ada.");
        }

        JsonNode sent = anthropic.lastRequest().json();
        assertThat(sent.has("generate")).isFalse();
        assertThat(sent.path("messages").toString()).contains("My name is Ada.", "And my name?");
        assertThat(keyroute.awaitRecords(1)).hasSize(1); // the warm-up cost nothing and made no record
    }

    @Test
    void anIdTheSocketDoesNotHoldFollowsTheHttpPathsRules() throws Exception {
        try (var socket = socket()) {
            socket.send(create(HAIKU, "\"store\":false,\"previous_response_id\":\"resp_elsewhere\",\"input\":\"Hi\""));
            JsonNode error = socket.next();

            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("status").asInt()).isEqualTo(400);
            assertThat(error.path("error").path("param").asText()).isEqualTo("previous_response_id");
        }
        assertThat(anthropic.requests()).isEmpty();
    }

    @Test
    void aSocketClosedMidStreamCancelsTheUpstreamAndIsChargedLikeAnAbandonedStream() throws Exception {
        anthropic.enqueue(Reply.text("once upon a time there was a gateway that counted every token")
                .usage(1_200, 300, 0, 0).gated());
        anthropic.releaseChunks(4);
        try (var socket = socket()) {
            socket.send(create(HAIKU, "\"max_output_tokens\":2000,\"input\":\"tell me a long story\""));
            assertThat(socket.next().path("type").asText()).isEqualTo("response.created");
            socket.sendClose();
        }

        // Nothing more is released: the relay sits reading the silent upstream, and only a failing
        // heartbeat can tell it the caller left, and only cancelling the upstream call ends it.
        RequestRecord record = keyroute.awaitRecord(1);
        assertThat(record.outcome()).isEqualTo("cancelled");
        assertThat(record.estimated()).isTrue();
        // the input as message_start reported it, the output at the request's max_output_tokens
        assertThat(record.usage().promptTokens()).isEqualTo(1_200);
        assertThat(record.usage().completionTokens()).isEqualTo(2_000);
        anthropic.releaseChunks(100);
        assertThat(anthropic.awaitCancelledStreams(1, Duration.ofSeconds(10))).as("upstream connection closed").isTrue();
    }

    @Test
    void aSecondResponseCreateWhileOneRunsIsAnErrorEventAndTheFirstGoesOn() throws Exception {
        anthropic.enqueue(Reply.text("first and only").usage(10, 3, 0, 0).gated());
        anthropic.releaseChunks(2);
        try (var socket = socket()) {
            socket.send(create(HAIKU, "\"input\":\"one\""));
            assertThat(socket.next().path("type").asText()).isEqualTo("response.created");
            socket.send(create(HAIKU, "\"input\":\"two\""));
            JsonNode refused = nextOfType(socket, "error");
            anthropic.releaseChunks(100);
            List<JsonNode> rest = socket.response();

            assertThat(refused.path("status").asInt()).isEqualTo(409);
            assertThat(refused.path("error").path("code").asText()).isEqualTo("response_in_progress");
            assertThat(rest.getLast().path("type").asText()).isEqualTo("response.completed");
        }
        assertThat(anthropic.requests()).hasSize(1);
    }

    private static JsonNode nextOfType(ResponsesSocketClient socket, String type) throws Exception {
        JsonNode event;
        do {
            event = socket.next();
        } while (!event.path("type").asText().equals(type));
        return event;
    }

    @Test
    void aMessageOverMaxRequestBytesIsRefusedAndTheSocketClosedTooBig() throws Exception {
        String half = "x".repeat(40 * 1024);
        try (var socket = socket()) {
            socket.sendFragments(create(HAIKU, "\"input\":\"" + half), half + "\"}");
            JsonNode error = socket.next();

            assertThat(error.path("status").asInt()).isEqualTo(413);
            assertThat(error.path("error").path("code").asText()).isEqualTo("request_too_large");
            assertThat(socket.closeCode()).isEqualTo("1009 message larger than server.max_request_bytes (65536)");
        }
        try (var socket = socket()) {
            socket.send(create(HAIKU, "\"input\":\"" + half + half + "\""));
            assertThat(socket.closeCode()).startsWith("1009");
        }
        assertThat(anthropic.requests()).isEmpty();
    }

    @Test
    void aDrainClosesIdleSocketsAndWaitsForNone() throws Exception {
        try (var socket = socket()) {
            anthropic.enqueue(Reply.text("ok").usage(1, 1, 0, 0));
            socket.send(create(HAIKU, "\"input\":\"Hi\""));
            socket.response();

            keyroute.gateway.drain();

            assertThat(socket.closeCode()).isEqualTo("1001 shutting_down");
            assertThat(keyroute.gateway.inFlight()).isZero();
        }
    }

    @Test
    void anIdleSocketOutlivesHelidonsIdleConnectionTimeoutOnItsPongs() throws Exception {
        // A 4 s request-head timeout: Helidon closes a connection that sends nothing for 2 s, unless the
        // socket's pings (every 1 s) are answered, which the JDK's client does by itself. A second of slack
        // between ping and timeout, so a loaded machine's late ping does not close the socket.
        var quick = TestGateway.with(new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 100L, 64, null,
                        null, null, null, 4_000L, null, null, null), null, null,
                List.of(new ProviderSettings("anthropic", "anthropic", anthropic.baseUrl(), TestGateway.ANTHROPIC_KEY,
                        5_000L, 2_000L, Map.of())),
                List.of(), List.of(), new RetrySettings(1, 1L, 5L), null, null), Caller.unrestricted("key_test", "user_test"));
        try (quick; var socket = ResponsesSocketClient.connect(quick.gateway.port(), TestGateway.KEYROUTE_KEY)) {
            Thread.sleep(5_000); // two and a half idle timeouts
            anthropic.enqueue(Reply.text("still here").usage(1, 1, 0, 0));
            socket.send(create(HAIKU, "\"input\":\"Hi\""));

            assertThat(text(socket.response())).isEqualTo("still here");
        }
    }

    @Test
    void aSocketsResponsesStayWhereItsFirstWasServed() throws Exception {
        try (var secondary = FakeOpenAi.start(TestGateway.UPSTREAM_KEY)) {
            var routed = TestGateway.with(new KeyrouteConfig(new ServerSettings("127.0.0.1", 0, 64L * 1024, 100L, 64),
                    null, null,
                    List.of(new ProviderSettings("primary", "openai", openai.baseUrl(), TestGateway.UPSTREAM_KEY, 5_000L,
                                    2_000L, Map.of()),
                            new ProviderSettings("secondary", "openai", secondary.baseUrl(), TestGateway.UPSTREAM_KEY,
                                    5_000L, 2_000L, Map.of())),
                    List.of(), List.of(new RouteSettings("chat", "fallback", List.of("primary/gpt-4o-mini"),
                            List.of("secondary/gpt-4o-mini"), Map.of())),
                    new RetrySettings(1, 1L, 5L), null, null), Caller.unrestricted("key_test", "user_test"));
            openai.enqueue(Reply.error(500, "boom")); // the first response fails over to secondary
            Reply ok = Reply.text("ok").usage(1, 1, 0, 0);
            secondary.enqueue(ok, ok);
            try (routed; var socket = ResponsesSocketClient.connect(routed.gateway.port(), TestGateway.KEYROUTE_KEY)) {
                socket.send(create("chat", "\"input\":\"one\""));
                assertThat(text(socket.response())).isEqualTo("ok");
                socket.send(create("chat", "\"input\":\"two\""));
                assertThat(text(socket.response())).isEqualTo("ok");
            }

            assertThat(openai.requests()).as("primary is healthy again, but the socket stays").hasSize(1);
            assertThat(secondary.requests()).hasSize(2);
        }
    }

    /** A handshake over a raw socket, so the refusal's body can be read; the answer as text. */
    private String rawHandshake(String key) throws Exception {
        try (var raw = new Socket("127.0.0.1", keyroute.gateway.port())) {
            raw.setSoTimeout(10_000);
            OutputStream out = raw.getOutputStream();
            out.write(("GET /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + (key == null ? "" : "Authorization: Bearer " + key + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = raw.getInputStream();
            StringBuilder answer = new StringBuilder();
            int length = -1;
            while (length < 0 || answer.length() < answer.indexOf("\r\n\r\n") + 4 + length) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                answer.append((char) b);
                int end = answer.indexOf("\r\n\r\n");
                if (length < 0 && end >= 0) {
                    String head = answer.substring(0, end).toLowerCase();
                    int at = head.indexOf("content-length:");
                    length = at < 0 ? 0 : Integer.parseInt(head.substring(at + 15).split("\r\n")[0].trim());
                }
            }
            return answer.toString();
        }
    }
}
