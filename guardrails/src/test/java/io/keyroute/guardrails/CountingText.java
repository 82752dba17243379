package io.keyroute.guardrails;

/** A text that counts how many characters are read from it: the work a scan does, without a clock. */
public final class CountingText implements CharSequence {
    private final String text;
    private long reads;

    public CountingText(String text) {
        this.text = text;
    }

    public long reads() {
        return reads;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        reads++;
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        reads += end - start;
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        reads += text.length();
        return text;
    }
}
