package io.keyroute.guardrails.stream;

import io.keyroute.guardrails.masking.MaskTable;
import io.keyroute.guardrails.masking.Placeholders;
import java.util.Objects;

/**
 * Puts a request's masked values back into its streamed answer, also when a placeholder arrives split
 * across deltas ({@code "<EMA"}, {@code "IL_1>"}). Holds back only a possible placeholder's beginning: a
 * {@code <} with no {@code >} after it yet, at most {@link Placeholders#MAX_LENGTH} characters.
 */
public final class StreamRestorer implements StreamFilter {
    private final MaskTable table;
    private final StringBuilder pending = new StringBuilder();

    public StreamRestorer(MaskTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public String accept(CharSequence delta) {
        pending.append(delta);
        return send(undecidedFrom());
    }

    @Override
    public String flush() {
        return send(pending.length());
    }

    /** How many characters are held back now. */
    public int heldBack() {
        return pending.length();
    }

    /** The first {@code <} that could still open a placeholder: no {@code >} after it, and close enough to the end. */
    private int undecidedFrom() {
        int length = pending.length();
        for (int i = Math.max(0, length - Placeholders.MAX_LENGTH + 1); i < length; i++) {
            if (pending.charAt(i) == '<' && Placeholders.tokenEnd(pending, i) < 0 && noCloseAfter(i)) {
                return i;
            }
        }
        return length;
    }

    private boolean noCloseAfter(int open) {
        for (int i = open + 1; i < pending.length(); i++) {
            char c = pending.charAt(i);
            if (c == '>' || c == '<') {
                return false;
            }
        }
        return true;
    }

    private String send(int end) {
        if (end == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder(end + 16);
        table.restoreInto(pending, 0, end, out);
        pending.delete(0, end);
        return out.toString();
    }
}
