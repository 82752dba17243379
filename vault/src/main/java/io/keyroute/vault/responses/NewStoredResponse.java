package io.keyroute.vault.responses;

/**
 * A response to keep: its id as the caller saw it ({@code resp_…}), who asked, the response it
 * continued (or null), what served it, its items, and its body: the Response object as the caller
 * got it, for {@code GET /v1/responses/{id}} (or null; it may leave out {@code output}, which the
 * items hold). Items and body are sealed together.
 */
public record NewStoredResponse(String id, ResponseOwner owner, String previousResponseId, ServedBy servedBy,
                                ResponseItems items, String body) {
}
