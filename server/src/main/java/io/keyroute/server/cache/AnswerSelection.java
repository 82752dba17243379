package io.keyroute.server.cache;

/**
 * Which stored answers an invalidation removes: those of one workspace, of one model or route, both, or (both
 * null) all.
 *
 * @param workspaceId the workspace whose answers go, or null for every workspace
 * @param target      the model or route as requests resolved it ({@code openai/gpt-4.1}, {@code auto}), or null
 */
public record AnswerSelection(String workspaceId, String target) {
    public static final AnswerSelection ALL = new AnswerSelection(null, null);
}
