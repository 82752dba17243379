package io.keyroute.testkit.openai;

import io.keyroute.testkit.replies.Reply;

import java.time.Duration;

/**
 * A key whose every chat and Responses request gets one injected fault, for a benchmark that runs
 * the fake in its own process ({@code FakeOpenAiMain --fault-key=KEY=KIND}): the gateway in front
 * sends a provider configured with that key there, so its callers meet the fault on that model only.
 *
 * <ul>
 *   <li>{@code status:NNN}: an OpenAI error with that status ({@code 429}, {@code 500}, {@code 503} …)</li>
 *   <li>{@code error-after:N}: a stream that sends N events, then an error event, and ends without {@code [DONE]}</li>
 *   <li>{@code cut-after:N}: a stream whose connection is closed abruptly after N events</li>
 * </ul>
 *
 * @param key   the API key
 * @param reply what each of its requests gets
 */
public record FaultKey(String key, Reply reply) {

    /** {@code KEY=KIND} as above; streamed replies say {@code text} with {@code chunkDelay} between events. */
    public static FaultKey parse(String spec, String text, Duration chunkDelay) {
        int eq = spec.lastIndexOf('=');
        int colon = spec.lastIndexOf(':');
        if (eq <= 0 || colon < eq) {
            throw new IllegalArgumentException("a fault key is KEY=status:NNN, KEY=error-after:N or KEY=cut-after:N, not "
                    + spec);
        }
        String kind = spec.substring(eq + 1, colon);
        int n = Integer.parseInt(spec.substring(colon + 1));
        Reply stream = Reply.text(text).chunkDelay(chunkDelay);
        Reply reply = switch (kind) {
            case "status" -> Reply.error(n, "Injected upstream failure " + n + ".");
            case "error-after" -> stream.errorAfterChunks(n, "The server had an error while processing your request.");
            case "cut-after" -> stream.cutAfterChunks(n);
            default -> throw new IllegalArgumentException("unknown fault kind '" + kind
                    + "' (status:NNN, error-after:N, cut-after:N)");
        };
        return new FaultKey(spec.substring(0, eq), reply);
    }
}
