package io.keyroute.testkit.checkers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.testkit.FakeJson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Microsoft Presidio's analyzer service ({@code presidio-analyzer}'s {@code app.py}) on loopback, as
 * its OpenAPI document and server describe it: {@code POST /analyze} takes {@code text},
 * {@code language}, optional {@code entities} and {@code score_threshold} and answers a JSON array
 * of {@code {analysis_explanation, end, entity_type, score, start}} (keys sorted, as its
 * {@code json.dumps(sort_keys=True)} writes them), positions in Unicode code points (Python string
 * indices). A missing text or language, or a language it has no recognizers for, is a 500 with
 * {@code {"error": …}}, as the real server's catch-all answers. {@code GET /health} answers its
 * plain-text greeting. Its recognizers are a few of Presidio's own, simplified: e-mail, phone,
 * credit card (Luhn), IP address, US SSN and a person from a short list of names.
 */
public final class FakePresidio extends FakeChecker {
    private static final Set<String> LANGUAGES = Set.of("en");
    private static final List<Recognizer> RECOGNIZERS = List.of(
            new Recognizer("EMAIL_ADDRESS", 1.0, Pattern.compile("\\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,24}\\b")),
            new Recognizer("CREDIT_CARD", 1.0, Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b")),
            new Recognizer("US_SSN", 0.5, Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b")),
            new Recognizer("PHONE_NUMBER", 0.75, Pattern.compile("(?<![\\w-])\\+?\\d{1,3}[ -]\\(?\\d{3}\\)?[ -]\\d{3}[ -]\\d{4}\\b")),
            new Recognizer("IP_ADDRESS", 0.95, Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b")),
            new Recognizer("PERSON", 0.85, Pattern.compile("\\b(?:Jane Doe|John Smith|Zoë Müller|José García)\\b")));

    private record Recognizer(String entityType, double score, Pattern pattern) {
    }

    public FakePresidio() {
        super("/analyze");
    }

    @Override
    protected void route(io.helidon.webserver.http.HttpRouting.Builder routing) {
        routing.get("/health", (req, res) -> res.send("Presidio Analyzer service is up"));
    }

    @Override
    protected void answer(ServerRequest req, ServerResponse res, String body) throws Exception {
        JsonNode request = FakeJson.MAPPER.readTree(body);
        String text = request.path("text").asText("");
        String language = request.path("language").asText("");
        if (text.isEmpty()) {
            error(res, "No text provided");
            return;
        }
        if (language.isEmpty()) {
            error(res, "No language provided");
            return;
        }
        if (!LANGUAGES.contains(language)) {
            error(res, "No matching recognizers were found to serve the request.");
            return;
        }
        var wanted = new ArrayList<String>();
        request.path("entities").forEach(e -> wanted.add(e.asText()));
        double threshold = request.path("score_threshold").asDouble(0);
        res.headers().contentType(io.helidon.common.media.type.MediaTypes.APPLICATION_JSON);
        res.send(FakeJson.MAPPER.writeValueAsString(analyze(text, wanted, threshold)));
    }

    private static ArrayNode analyze(String text, List<String> wanted, double threshold) {
        var results = new ArrayList<ObjectNode>();
        for (Recognizer recognizer : RECOGNIZERS) {
            if (!wanted.isEmpty() && !wanted.contains(recognizer.entityType())) {
                continue;
            }
            var m = recognizer.pattern().matcher(text);
            while (m.find()) {
                if (recognizer.score() < threshold
                        || recognizer.entityType().equals("CREDIT_CARD") && !luhn(m.group())) {
                    continue;
                }
                ObjectNode result = FakeJson.MAPPER.createObjectNode();
                result.putNull("analysis_explanation");
                result.put("end", text.codePointCount(0, m.end()));
                result.put("entity_type", recognizer.entityType());
                result.put("score", recognizer.score());
                result.put("start", text.codePointCount(0, m.start()));
                results.add(result);
            }
        }
        results.sort(Comparator.comparingInt(r -> r.get("start").asInt()));
        ArrayNode array = FakeJson.MAPPER.createArrayNode();
        results.forEach(array::add);
        return array;
    }

    private static boolean luhn(String number) {
        String digits = number.replaceAll("[ -]", "");
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }

    private static void error(ServerResponse res, String message) throws Exception {
        res.status(Status.INTERNAL_SERVER_ERROR_500);
        res.headers().contentType(io.helidon.common.media.type.MediaTypes.APPLICATION_JSON);
        res.send(FakeJson.MAPPER.writeValueAsString(FakeJson.MAPPER.createObjectNode().put("error", message)));
    }
}
