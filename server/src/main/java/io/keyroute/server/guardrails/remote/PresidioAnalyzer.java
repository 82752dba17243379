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
 * Personal data found by Microsoft Presidio's analyzer service: {@code POST {url}/analyze} with
 * {@code {"text", "language", "entities", "score_threshold"}}, answered by a JSON array of
 * {@code {"entity_type", "start", "end", "score"}} with positions in code points (its OpenAPI
 * document, {@code docs/api-docs/api-docs.yml}, and {@code presidio-analyzer/app.py}). Presidio's
 * names for the types the built-in {@code pii} step also knows are given Keyroute's
 * ({@code EMAIL_ADDRESS} → {@code email}, …), so a policy or a redaction placeholder reads the same
 * whichever found them; any other is its own name in lower case ({@code PERSON} → {@code person}).
 */
public final class PresidioAnalyzer implements Detector {
    /** Presidio's name of each type Keyroute's {@code pii} step names too. */
    static final Map<String, String> KEYROUTE_NAMES = Map.of(
            "EMAIL_ADDRESS", "email", "PHONE_NUMBER", "phone", "CREDIT_CARD", "credit_card",
            "IBAN_CODE", "iban", "US_SSN", "ssn", "IP_ADDRESS", "ip_address");

    private final String name;
    private final JsonPost post;
    private final String language;
    private final List<String> entities;
    private final double scoreThreshold;
    private final int maxMatchLength;

    /**
     * {@code entities}: Keyroute's or Presidio's names (empty: every type Presidio has);
     * {@code scoreThreshold}: Presidio's {@code score_threshold}.
     */
    public PresidioAnalyzer(String name, URI baseUrl, Duration timeout, String language, List<String> entities,
                            double scoreThreshold, int maxMatchLength) {
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("score_threshold is between 0 and 1");
        }
        this.name = name;
        this.post = new JsonPost("Presidio " + name, analyzeUrl(baseUrl), timeout, Map.of());
        this.language = language;
        this.entities = entities.stream().map(PresidioAnalyzer::presidioName).toList();
        this.scoreThreshold = scoreThreshold;
        this.maxMatchLength = maxMatchLength;
    }

    private static URI analyzeUrl(URI base) {
        String s = base.toString();
        return URI.create((s.endsWith("/") ? s : s + "/") + "analyze");
    }

    /** Presidio's name for a Keyroute type, or the name itself upper-cased (already Presidio's). */
    static String presidioName(String type) {
        return KEYROUTE_NAMES.entrySet().stream().filter(e -> e.getValue().equals(type)).map(Map.Entry::getKey)
                .findFirst().orElse(type.toUpperCase(java.util.Locale.ROOT));
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
        var request = Json.MAPPER.createObjectNode().put("text", text.toString()).put("language", language)
                .put("score_threshold", scoreThreshold);
        if (!entities.isEmpty()) {
            entities.forEach(request.putArray("entities")::add);
        }
        JsonNode results = post.post(request, true);
        var findings = new RemoteFindings("Presidio " + name, text);
        for (JsonNode r : results) {
            String type = r.path("entity_type").asText("");
            findings.add(KEYROUTE_NAMES.getOrDefault(type, type), r.path("start").asInt(-1), r.path("end").asInt(-1),
                    r.path("score").asDouble(-1));
        }
        return findings.from(from);
    }
}
