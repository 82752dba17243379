package io.keyroute.server.mcp;

import io.keyroute.guardrails.Detectors;
import io.keyroute.guardrails.masking.MaskTable;
import io.keyroute.guardrails.masking.Masker;
import io.keyroute.guardrails.pii.PiiDetectors;
import io.keyroute.guardrails.secrets.SecretsDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * What the ledger keeps of a tool call's arguments and result: nothing, unless {@code mcp.record_content} is on, and
 * then the text with what the guardrails' PII and secrets detectors find replaced by placeholders, cut to a bound.
 */
interface ContentRecorder {
    ContentRecorder NOTHING = json -> null;
    int MAX_RECORDED_CHARS = 16_384;

    /** @return what to store, or null to store nothing */
    String record(String json);

    static ContentRecorder redacting() {
        List<io.keyroute.guardrails.Detector> detectors = new ArrayList<>(PiiDetectors.all());
        detectors.add(SecretsDetector.all("secrets"));
        Masker masker = Masker.of(Detectors.of(detectors));
        return json -> {
            String cut = json.length() > MAX_RECORDED_CHARS ? json.substring(0, MAX_RECORDED_CHARS) : json;
            return masker.mask(cut, new MaskTable()).text();
        };
    }
}
