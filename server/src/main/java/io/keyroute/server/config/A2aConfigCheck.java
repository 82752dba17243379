package io.keyroute.server.config;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the {@code a2a:} section: agent ids a URL path and a metric label can carry, URLs, headers, bounds, access. */
final class A2aConfigCheck {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}");
    /** Framing and hop-by-hop headers are Keyroute's to set, not an agent's credential. */
    private static final Set<String> RESERVED = Set.of("content-length", "content-type", "transfer-encoding", "host",
            "connection", "keep-alive", "upgrade", "te", "trailer", "accept");
    private static final long MAX_TIMEOUT_MS = 3_600_000;

    private A2aConfigCheck() {
    }

    static void check(A2aSettings a2a, ConfigValidator.Problems problem) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < a2a.agents().size(); i++) {
            A2aAgentSettings agent = a2a.agents().get(i);
            String at = "a2a.agents[" + i + "]";
            if (agent.id() == null || !ID.matcher(agent.id()).matches()) {
                problem.add(at + ".id", "is required: 1-64 characters of a-z 0-9 _ - starting with a letter or digit");
            } else if (!ids.add(agent.id())) {
                problem.add(at + ".id", "'" + agent.id() + "' is used by an earlier agent");
            }
            if (agent.url() == null || !ConfigValidator.isHttpUrl(agent.url())) {
                problem.add(at + ".url", "must be an http:// or https:// URL");
            }
            if (agent.cardUrl() != null && !ConfigValidator.isHttpUrl(agent.cardUrl())) {
                problem.add(at + ".card_url", "must be an http:// or https:// URL");
            }
            headers(at + ".headers", agent.headers(), problem);
            if (agent.timeoutMs() <= 0 || agent.timeoutMs() > MAX_TIMEOUT_MS) {
                problem.add(at + ".timeout_ms", "must be in 1.." + MAX_TIMEOUT_MS);
            }
        }
        if (a2a.maxResponseBytes() < 1024) {
            problem.add("a2a.max_response_bytes", "must be at least 1024");
        }
        if (a2a.publicUrl() != null && !ConfigValidator.isHttpUrl(a2a.publicUrl())) {
            problem.add("a2a.public_url", "must be an http:// or https:// URL");
        }
        AccessRuleCheck.check("a2a.access", a2a.access(), problem);
    }

    private static void headers(String at, Map<String, String> headers, ConfigValidator.Problems problem) {
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches() || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                problem.add(at, "'" + name + "' is not a header an agent's credential may be sent in");
            } else if (value == null || value.isBlank() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                problem.add(at + "." + name, "must be a value without control characters (is its ${VARIABLE} set?)");
            }
        });
    }
}
