package io.keyroute.benchmarks.cluster;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Application traffic through the official OpenAI SDK: workers in a loop, every other request a
 * stream (with usage), each outcome kept with its time. The SDK retries as applications' clients
 * do (connection failures, 408, 409, 429 and 5xx, with its own backoff), so an error kept here is
 * one a retrying application would have seen.
 */
final class Traffic implements AutoCloseable {
    static final String REQUEST_ID = "x-keyroute-request-id";

    /**
     * One request as the application saw it. {@code answered}: the whole answer arrived (for a stream:
     * up to a chunk with a finish reason); {@code requestId}: Keyroute's id of the attempt that
     * answered, when an answer's head arrived.
     */
    record Outcome(long startNanos, long endNanos, boolean streamed, boolean answered, String requestId, String error) {
        long millis() {
            return (endNanos - startNanos) / 1_000_000;
        }
    }

    private final OpenAIClient client;
    private final String model;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final Duration pause;
    private volatile boolean running = true;

    /** A client of the SDK, retrying {@code maxRetries} times as its default policy does. */
    static OpenAIClient sdk(String baseUrl, String key, int maxRetries) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl + "/v1").apiKey(key).maxRetries(maxRetries)
                .timeout(Duration.ofSeconds(30)).build();
    }

    Traffic(OpenAIClient client, String model, int workers, Duration pause) {
        this.client = client;
        this.model = model;
        this.pause = pause;
        for (int i = 0; i < workers; i++) {
            int first = i;
            this.workers.add(Thread.ofPlatform().name("traffic-" + i).start(() -> loop(first)));
        }
    }

    private void loop(int first) {
        for (long n = first; running; n++) {
            outcomes.add(n % 2 == 0 ? complete(client, model, "Say hello to replica traffic " + n)
                    : stream(client, model, "Stream a hello to replica traffic " + n));
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Every outcome so far. */
    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(Duration.ofSeconds(60));
        }
    }

    static ChatCompletionCreateParams ask(String model, String text, long maxTokens) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text).maxCompletionTokens(maxTokens).build();
    }

    /** One chat completion; its outcome, never an exception. */
    static Outcome complete(OpenAIClient client, String model, String text) {
        return complete(client, ask(model, text, 64));
    }

    static Outcome complete(OpenAIClient client, ChatCompletionCreateParams params) {
        long start = System.nanoTime();
        String requestId = null;
        try (HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(params)) {
            requestId = raw.headers().values(REQUEST_ID).stream().findFirst().orElse(null);
            ChatCompletion answer = raw.parse();
            answer.choices().getFirst().finishReason(); // present on every whole answer
            return new Outcome(start, System.nanoTime(), false, true, requestId, null);
        } catch (RuntimeException e) {
            return new Outcome(start, System.nanoTime(), false, false, requestId, describe(e));
        }
    }

    /** One streamed chat completion, read to its end. */
    static Outcome stream(OpenAIClient client, String model, String text) {
        long start = System.nanoTime();
        String requestId = null;
        var params = ask(model, text, 64).toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw =
                     client.chat().completions().withRawResponse().createStreaming(params)) {
            requestId = raw.headers().values(REQUEST_ID).stream().findFirst().orElse(null);
            boolean finished = false;
            try (StreamResponse<ChatCompletionChunk> chunks = raw.parse()) {
                for (var iterator = chunks.stream().iterator(); iterator.hasNext(); ) {
                    ChatCompletionChunk chunk = iterator.next();
                    finished |= chunk.choices().stream().anyMatch(c -> c.finishReason().isPresent());
                }
            }
            return new Outcome(start, System.nanoTime(), true, finished, requestId,
                    finished ? null : "stream ended without a finish reason");
        } catch (RuntimeException e) {
            return new Outcome(start, System.nanoTime(), true, false, requestId,
                    (requestId != null ? "stream cut after its 200: " : "") + describe(e));
        }
    }

    static String describe(RuntimeException e) {
        if (e instanceof OpenAIServiceException service) {
            return "HTTP " + service.statusCode() + service.code().map(c -> " " + c).orElse("");
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
