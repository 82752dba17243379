package io.keyroute.server.guardrails.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Json;
import io.keyroute.guardrails.Detector;
import io.keyroute.guardrails.Finding;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code http} guardrail: asks an external checker about each text, in Keyroute's small JSON
 * protocol (docs/CONFIGURATION.md, "Remote checkers"):
 * <pre>
 * POST {url}   {"text": "…", "guardrail": "&lt;step name&gt;"}
 * 200          {"action": "allow"}
 *              {"action": "block", "category": "toxicity", "score": 0.97}
 *              {"action": "allow", "findings": [{"type": "name", "start": 0, "end": 4, "score": 0.9}]}
 * </pre>
 * A {@code block} without findings is one finding of type {@code category} (default
 * {@code blocked}) spanning the whole text, with {@code score} (default 1); findings' positions
 * are code points, as a Python checker counts them. Anything else (another status, a timeout, an
 * unknown action) is a {@link RemoteCheckFailed}, which the step answers with its {@code on_error}.
 */
public final class HttpChecker implements Detector {
    static final String BLOCKED = "blocked";

    private final String name;
    private final JsonPost post;
    private final int maxMatchLength;

    /**
     * {@code headers}: sent with each request (an {@code Authorization} the checker wants);
     * {@code maxMatchLength}: how much of a streamed answer is held back and sent again with each piece.
     */
    public HttpChecker(String name, URI url, Duration timeout, Map<String, String> headers, int maxMatchLength) {
        this.name = name;
        this.post = new JsonPost("checker " + name, url, timeout, headers);
        this.maxMatchLength = maxMatchLength;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int maxMatchLength() {
        return maxMatchLength;
    }

    @Override
    public List<Finding> scan(CharSequence text, int from) {
        if (text.isEmpty()) {
            return List.of();
        }
        var request = Json.MAPPER.createObjectNode().put("text", text.toString()).put("guardrail", name);
        JsonNode answer = post.post(request, false);
        String action = answer.path("action").asText("");
        var findings = new RemoteFindings("checker " + name, text);
        for (JsonNode f : answer.path("findings")) {
            findings.add(f.path("type").asText(BLOCKED), f.path("start").asInt(-1), f.path("end").asInt(-1),
                    f.path("score").asDouble(1));
        }
        return switch (action) {
            case "allow" -> findings.from(from);
            case "block" -> answer.path("findings").isEmpty()
                    ? wholeText(text, from, answer)
                    : findings.from(from);
            default -> throw new RemoteCheckFailed("checker " + name + " answered no action allow or block");
        };
    }

    private List<Finding> wholeText(CharSequence text, int from, JsonNode answer) {
        double score = answer.path("score").asDouble(1);
        if (!(score >= 0 && score <= 1)) {
            throw new RemoteCheckFailed("checker " + name + " reported a score outside 0..1");
        }
        return from > 0 ? List.of()
                : List.of(new Finding(RemoteFindings.entityType(answer.path("category").asText(BLOCKED)), 0, text.length(), score));
    }
}
