package io.keyroute.api.canonical;

import com.fasterxml.jackson.databind.JsonNode;

/** A function the model may call; {@code parameters} is its JSON schema (may be null). */
public record Tool(String name, String description, JsonNode parameters) {
}
