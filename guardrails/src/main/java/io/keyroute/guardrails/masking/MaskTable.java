package io.keyroute.guardrails.masking;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request's masked values and their placeholders: the same value of the same type gets the same
 * placeholder, numbered in order of first appearance per type. Lives in memory for the request only and is
 * never stored, logged or shown: {@link #toString()} says how many values it holds, nothing else.
 * Thread-safe, so a stream's answer can be restored on another thread than the one that masked the prompt.
 */
public final class MaskTable {
    private final Map<TypedValue, String> placeholders = new HashMap<>();
    private final Map<String, String> originals = new HashMap<>();
    private final Map<String, Integer> countsByType = new HashMap<>();

    private record TypedValue(String entityType, String value) {}

    /** The placeholder standing for {@code value}, made on first sight. */
    public synchronized String placeholderFor(String entityType, String value) {
        Objects.requireNonNull(value, "value");
        String typeName = Placeholders.typeName(entityType);
        return placeholders.computeIfAbsent(new TypedValue(entityType, value), typed -> {
            int number = countsByType.merge(typeName, 1, Integer::sum);
            String placeholder = "<" + typeName + "_" + number + ">";
            originals.put(placeholder, value);
            return placeholder;
        });
    }

    /** The value a placeholder stands for, or null when this request made no such placeholder. */
    public synchronized String original(CharSequence placeholder) {
        return originals.get(placeholder.toString());
    }

    public synchronized int size() {
        return originals.size();
    }

    /** {@code text} with every placeholder this table made replaced by its value; other text, and unknown placeholders, as they are. */
    public String restore(CharSequence text) {
        StringBuilder restored = new StringBuilder(text.length());
        restoreInto(text, 0, text.length(), restored);
        return restored.toString();
    }

    /**
     * Restores {@code text[from, to)} into {@code out}, a placeholder counted only when it ends by {@code to};
     * a stream restorer calls this on what it has decided to send.
     */
    public void restoreInto(CharSequence text, int from, int to, StringBuilder out) {
        int copied = from;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '<') {
                continue;
            }
            int end = Placeholders.tokenEnd(text, i);
            String original = end > 0 && end <= to ? original(text.subSequence(i, end)) : null;
            if (original != null) {
                out.append(text, copied, i).append(original);
                copied = end;
                i = end - 1;
            }
        }
        out.append(text, copied, to);
    }

    @Override
    public String toString() {
        return "MaskTable[" + size() + " values]";
    }
}
