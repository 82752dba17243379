package io.keyroute.vault.responses;

/**
 * A response to keep: its id as the caller saw it ({@code resp_…}), who asked, the response it
 * continued (or null), what served it, and its items.
 */
public record NewStoredResponse(String id, ResponseOwner owner, String previousResponseId, ServedBy servedBy,
                                ResponseItems items) {
}
