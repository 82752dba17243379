package io.keyroute.testkit.replies;

import java.util.Objects;

/** One function tool call in a scripted reply; {@code arguments} is the JSON text the model "wrote". */
public record ToolCall(String id, String name, String arguments) {

    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }
}
