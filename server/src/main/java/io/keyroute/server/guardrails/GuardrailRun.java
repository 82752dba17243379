package io.keyroute.server.guardrails;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyroute.api.WireFormat;
import io.keyroute.api.error.ClientError;
import io.keyroute.guardrails.Detector;
import io.keyroute.guardrails.Detectors;
import io.keyroute.guardrails.Finding;
import io.keyroute.guardrails.Verdict;
import io.keyroute.guardrails.masking.MaskTable;
import io.keyroute.guardrails.masking.Masked;
import io.keyroute.guardrails.masking.Masker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One request's pass through the guardrails that apply to it: the request's texts checked before any
 * provider sees them, the answer's on its way back (whole, or each stream event as it passes). The
 * request's placeholders live in one {@link MaskTable}, so the values a step redacted can be put back in
 * the answer; what the output steps redact in an answer goes into another while values are restored, so
 * restoring never puts back what the model wrote. Keeps what each step decided as {@link Verdict}s (entity
 * types and counts, never values). Lives as long as its request, in memory only; one request's thread
 * uses it.
 */
public final class GuardrailRun {
    static final String INPUT = "input";
    static final String OUTPUT = "output";

    private final List<GuardrailStep> steps;
    private final StepCalls calls;
    private final GuardrailEvents events;
    private final List<Verdict> verdicts = new ArrayList<>();
    private final MaskTable table = new MaskTable();
    /** The values redacted in the request while they are to be restored: the caller's own, never checked in its answer. */
    private final Set<String> ownValues = new HashSet<>();
    private MaskTable answerTable;
    private boolean restore;
    /** The step that refused a streamed answer, once one did. */
    private String blockedBy;

    GuardrailRun(List<GuardrailStep> steps, StepCalls calls, GuardrailEvents events) {
        this.steps = steps;
        this.calls = calls;
        this.events = events;
    }

    /**
     * The request body after the input steps: the same instance when none changed it, else a copy with each
     * finding of a redacting step replaced by its placeholder.
     *
     * @throws ClientError {@code guardrail_blocked} when a blocking step found something;
     *         {@code guardrail_unavailable} when a step failing closed failed
     */
    public ObjectNode request(ObjectNode body) {
        List<String> texts = null;
        boolean changed = false;
        for (GuardrailStep step : steps) {
            if (!step.input()) {
                continue;
            }
            if (texts == null) {
                texts = ChatTexts.of(body);
            }
            List<String> redacted = check(step, INPUT, texts, step.request());
            if (redacted != texts) {
                texts = redacted;
                changed = true;
                restore |= step.restores();
            }
        }
        return changed ? ChatTexts.with(body, texts) : body;
    }

    /** Whether an answer needs reading: a step checks output, or placeholders are to be restored in it. */
    public boolean checksAnswer() {
        if (restore) {
            return true;
        }
        for (GuardrailStep step : steps) {
            if (step.output()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A whole answer's body (a JSON object in the caller's API shape) with the caller's values put back in place
     * of their placeholders (when a redacting input step restores), then checked by the output steps; the same
     * array when nothing changed. Read token by token: rewritten only when a text changed.
     *
     * @throws IOException when the body is not one JSON object
     * @throws ClientError as {@link #request}
     */
    public byte[] answer(byte[] body) throws IOException {
        List<String> texts = ChatTexts.of(body);
        List<String> checked = restore ? texts.stream().map(table::restore).toList() : texts;
        for (GuardrailStep step : steps) {
            if (step.output()) {
                checked = check(step, OUTPUT, checked, answerMasker(step.guardrail().afterResponse()));
            }
        }
        return checked.equals(texts) ? body : ChatTexts.with(body, checked);
    }

    /** A streamed answer's guard, in the caller's API shape. */
    public StreamGuard stream(WireFormat format) {
        return new StreamGuard(this, format);
    }

    /** What the steps decided so far, in order: one verdict a step and place (a stream's, one a text). */
    public List<Verdict> verdicts() {
        return Collections.unmodifiableList(verdicts);
    }

    /** The steps that check output, in order. */
    List<GuardrailStep> outputSteps() {
        return steps.stream().filter(GuardrailStep::output).toList();
    }

    /** The request's placeholders, which a restore reads. */
    MaskTable table() {
        return table;
    }

    /** Where the output steps' placeholders go: the request's table, or one of their own while values are restored. */
    MaskTable answerTable() {
        if (answerTable == null) {
            answerTable = restore ? new MaskTable() : table;
        }
        return answerTable;
    }

    boolean restores() {
        return restore;
    }

    StepCalls calls() {
        return calls;
    }

    /** The name of the step that refused a streamed answer; null while none did. */
    String blockedBy() {
        return blockedBy;
    }

    /**
     * What masks an answer's text with {@code detectors}' findings, the caller's own values (put back by the
     * restore) left alone: filtering a finding by its own text keeps the findings local.
     */
    Masker answerMasker(Detectors detectors) {
        if (ownValues.isEmpty()) {
            return Masker.of(detectors);
        }
        return Masker.of(Detectors.of(detectors.detectors().stream().map(this::ownValuesSkipped).toList()));
    }

    private Detector ownValuesSkipped(Detector detector) {
        return new Detector() {
            @Override
            public String name() {
                return detector.name();
            }

            @Override
            public List<Finding> scan(CharSequence text, int from) {
                List<Finding> found = detector.scan(text, from);
                return found.isEmpty() ? found : found.stream()
                        .filter(f -> !ownValues.contains(text.subSequence(f.start(), f.end()).toString())).toList();
            }

            @Override
            public int maxMatchLength() {
                return detector.maxMatchLength();
            }

            @Override
            public int firstUndecided(CharSequence text, int from) {
                return detector.firstUndecided(text, from);
            }
        };
    }

    /**
     * One step over {@code texts}: the same list when it passed them (nothing found, logged, or failed
     * open), a new one when it redacted; a block throws.
     */
    private List<String> check(GuardrailStep step, String place, List<String> texts, Masker masker) {
        boolean redacts = step.action() == GuardrailStep.Action.REDACT;
        MaskTable into = !redacts ? new MaskTable() : INPUT.equals(place) ? table : answerTable();
        List<Masked> results = calls.call(step, place, () -> {
            List<Masked> masked = new ArrayList<>(texts.size());
            for (String text : texts) {
                masked.add(masker.mask(text, into));
            }
            return masked;
        });
        if (results == null) {
            decided(step, place, "error", Map.of(), 0);
            return texts;
        }
        Map<String, Integer> counts = new TreeMap<>();
        double score = 0;
        for (Masked masked : results) {
            masked.entityCounts().forEach((entity, count) -> counts.merge(entity, count, Integer::sum));
            score = Math.max(score, masked.score());
        }
        if (counts.isEmpty()) {
            decided(step, place, "pass", counts, 0);
            return texts;
        }
        switch (step.action()) {
            case BLOCK -> {
                decided(step, place, "block", counts, score);
                throw ClientError.guardrailBlocked(step.name());
            }
            case LOG -> {
                decided(step, place, "log", counts, score);
                return texts;
            }
            default -> {
                if (step.restores() && INPUT.equals(place)) {
                    for (int i = 0; i < texts.size(); i++) {
                        String text = texts.get(i);
                        results.get(i).findings().forEach(f -> ownValues.add(text.substring(f.start(), f.end())));
                    }
                }
                counts.forEach((entity, count) -> events.redacted(step.name(), entity, count));
                decided(step, place, "redact", counts, score);
                return results.stream().map(Masked::text).toList();
            }
        }
    }

    /** A streamed text's end (or its refusal) by {@code step}: its verdict from what it found. */
    void streamed(GuardrailStep step, Map<String, Integer> found, double score) {
        String action = found.isEmpty() ? "pass" : step.action().name().toLowerCase(Locale.ROOT);
        if (!found.isEmpty() && step.action() == GuardrailStep.Action.BLOCK) {
            blockedBy = step.name();
        }
        if (step.action() == GuardrailStep.Action.REDACT) {
            found.forEach((entity, count) -> events.redacted(step.name(), entity, count));
        }
        decided(step, OUTPUT, action, found, score);
    }

    /** Records a step's verdict and counts it. */
    private void decided(GuardrailStep step, String place, String action, Map<String, Integer> counts, double score) {
        verdicts.add(new Verdict(step.name(), action, counts, score));
        events.decided(step.name(), place, action);
    }
}
