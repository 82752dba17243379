package io.keyroute.server.guardrails;

import io.keyroute.guardrails.masking.MaskTable;
import io.keyroute.guardrails.stream.StreamFilter;
import io.keyroute.guardrails.stream.StreamRedactor;
import io.keyroute.guardrails.stream.StreamRestorer;
import java.util.ArrayList;
import java.util.List;

/**
 * One text of a streamed answer (a choice's content, a content block, a Responses output part), checked
 * delta by delta: the caller's values put back in place of their placeholders first (when the input steps
 * redacted with {@code restore}), then each output step over what the model wrote. Each step's redactor
 * holds back at most its detector's longest match, so a value split across deltas is seen whole: a
 * redacting step sends its placeholders, a blocking one refuses before the matched text would be sent, a
 * logging one sends the text as it came. What was sent is kept, for the events that repeat the whole text.
 */
final class StreamedText {
    private final StreamFilter restore;
    private final List<Check> checks;
    private final StringBuilder sent = new StringBuilder();

    StreamedText(GuardrailRun run, List<GuardrailStep> outputSteps) {
        this.restore = run.restores() ? new StreamRestorer(run.table()) : null;
        this.checks = new ArrayList<>(outputSteps.size());
        for (GuardrailStep step : outputSteps) {
            checks.add(new Check(step, run));
        }
    }

    /** What may be sent of the text after {@code delta}; null once a step refused the answer. */
    String accept(String delta) {
        String text = restore == null ? delta : restore.accept(delta);
        for (Check check : checks) {
            text = check.pass(text, false);
            if (text == null) {
                return null;
            }
        }
        sent.append(text);
        return text;
    }

    /** The rest of the text, held back until its end; null once a step refused the answer. */
    String flush() {
        String text = restore == null ? "" : restore.flush();
        for (Check check : checks) {
            String passed = check.pass(text, false);
            String rest = passed == null ? null : check.pass("", true);
            if (rest == null) {
                return null;
            }
            text = passed + rest;
        }
        sent.append(text);
        return text;
    }

    /** The whole text as the caller was sent it. */
    String sent() {
        return sent.toString();
    }

    /** One output step over one streamed text. */
    private static final class Check {
        private final GuardrailStep step;
        private final GuardrailRun run;
        /** Where its redactor writes placeholders: the answer's table for a redacting step, else one of its own. */
        private final MaskTable table;
        private final StreamRedactor redactor;
        private boolean failed;

        Check(GuardrailStep step, GuardrailRun run) {
            this.step = step;
            this.run = run;
            this.table = step.action() == GuardrailStep.Action.REDACT ? run.answerTable() : new MaskTable();
            this.redactor = new StreamRedactor(run.answerMasker(step.guardrail().onStreamChunk()), table);
        }

        /** The text this step lets through; null when it refuses the answer. */
        String pass(String text, boolean end) {
            if (failed) {
                return text; // failed open earlier in this stream: passes the rest unchecked
            }
            String out = run.calls().call(step, GuardrailRun.OUTPUT, () -> end ? redactor.flush() : redactor.accept(text));
            if (out == null) {
                failed = true; // on_error open; what the redactor held back is lost with it
                return text;
            }
            if (step.action() == GuardrailStep.Action.BLOCK && table.size() > 0) {
                run.streamed(step, redactor.entityCounts(), redactor.score());
                return null;
            }
            if (end) {
                run.streamed(step, redactor.entityCounts(), redactor.score());
            }
            return step.action() == GuardrailStep.Action.LOG ? text : out;
        }
    }
}
