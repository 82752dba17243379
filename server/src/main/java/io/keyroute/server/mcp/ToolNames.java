package io.keyroute.server.mcp;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names {@code /mcp} shows: {@code <server>__<name>} for each tool, prompt and resource of an upstream server.
 * Server ids hold no {@code __} (the config says so), so the first {@code __} splits a name unambiguously.
 */
final class ToolNames {
    static final String SEPARATOR = "__";
    /** What an upstream may name a tool (the spec's SHOULD, with '/' that some servers use); others are not shown. */
    private static final Pattern UPSTREAM_NAME = Pattern.compile("[A-Za-z0-9_.\\-/]{1,128}");

    private ToolNames() {
    }

    static String prefixed(String serverId, String name) {
        return serverId + SEPARATOR + name;
    }

    /** Whether an upstream's own name is one {@code /mcp} can show and route back. */
    static boolean showable(String upstreamName) {
        return upstreamName != null && UPSTREAM_NAME.matcher(upstreamName).matches();
    }

    /** The server and the upstream's own name of a prefixed name, or empty when it has no prefix. */
    static Optional<Split> split(String prefixed) {
        int at = prefixed == null ? -1 : prefixed.indexOf(SEPARATOR);
        if (at <= 0 || at + SEPARATOR.length() >= prefixed.length()) {
            return Optional.empty();
        }
        return Optional.of(new Split(prefixed.substring(0, at), prefixed.substring(at + SEPARATOR.length())));
    }

    record Split(String serverId, String name) {
    }
}
