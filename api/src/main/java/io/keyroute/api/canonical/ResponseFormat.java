package io.keyroute.api.canonical;

import com.fasterxml.jackson.databind.JsonNode;

/** The shape the answer must take: free text, any JSON object, or JSON matching {@code schema}. */
public record ResponseFormat(Kind kind, String name, JsonNode schema, Boolean strict) {
    public enum Kind { TEXT, JSON_OBJECT, JSON_SCHEMA }
}
