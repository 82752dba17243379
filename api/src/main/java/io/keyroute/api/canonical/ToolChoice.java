package io.keyroute.api.canonical;

/** Whether and which tool the model must call. */
public record ToolChoice(Mode mode, String name) {
    public enum Mode {
        /** The model decides. */
        AUTO,
        /** Some tool must be called (OpenAI {@code required}, Anthropic {@code any}). */
        ANY,
        NONE,
        /** The tool {@code name} must be called. */
        NAMED
    }

    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    public static final ToolChoice ANY = new ToolChoice(Mode.ANY, null);
    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);

    public static ToolChoice named(String name) {
        return new ToolChoice(Mode.NAMED, name);
    }
}
