package io.keyroute.server.policy;

import io.keyroute.guardrails.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input guardrails' verdicts as rules read them ({@code guardrails}): by guardrail name,
 * {@code {action: string, score: double, entities: {type: int}}}. Counts only, never a matched value.
 */
public final class GuardrailVerdicts {
    private GuardrailVerdicts() {
    }

    /** The first verdict of each guardrail, in their order; CEL's ints are longs. */
    public static Map<String, Map<String, Object>> of(List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Verdict v : verdicts) {
            Map<String, Long> entities = new LinkedHashMap<>();
            v.entityCounts().forEach((type, count) -> entities.put(type, count.longValue()));
            byName.putIfAbsent(v.step(), Map.of("action", v.action(), "score", v.score(), "entities", entities));
        }
        return byName;
    }
}
