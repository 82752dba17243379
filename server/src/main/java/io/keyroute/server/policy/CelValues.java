package io.keyroute.server.policy;

import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as read (a tool call's arguments: maps, lists, strings, any Java number, booleans, nulls) as CEL's values:
 * ints are longs, other numbers doubles, null CEL's null, map keys strings. Bounded by what the caller could send
 * ({@code /mcp} bounds a message's bytes), so the copy is too.
 */
final class CelValues {
    private CelValues() {
    }

    static Map<String, Object> map(Map<String, ?> json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>(json.size() * 2);
        json.forEach((key, value) -> out.put(String.valueOf(key), of(value)));
        return out;
    }

    private static Object of(Object value) {
        return switch (value) {
            case null -> NullValue.NULL_VALUE;
            case String text -> text;
            case Boolean bool -> bool;
            case Integer i -> i.longValue();
            case Long l -> l;
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case BigInteger big -> big.bitLength() < 64 ? big.longValue() : big.doubleValue();
            case BigDecimal decimal -> decimal.doubleValue();
            case Number number -> number.doubleValue();
            case Map<?, ?> nested -> mapOf(nested);
            case List<?> list -> listOf(list);
            default -> String.valueOf(value);
        };
    }

    private static Map<String, Object> mapOf(Map<?, ?> nested) {
        Map<String, Object> out = new LinkedHashMap<>(nested.size() * 2);
        nested.forEach((key, value) -> out.put(String.valueOf(key), of(value)));
        return out;
    }

    private static List<Object> listOf(List<?> list) {
        List<Object> out = new ArrayList<>(list.size());
        list.forEach(value -> out.add(of(value)));
        return out;
    }
}
