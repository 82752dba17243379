package io.keyroute.vault.responses;

/**
 * A response to keep: its id as the caller saw it ({@code resp_…}), who asked, the response it
 * continued (or null), what served it, and its items and body ({@link ResponseText}, sealed together): the
 * Response object as the caller got it, for {@code GET /v1/responses/{id}}.
 */
public record NewStoredResponse(String id, ResponseOwner owner, String previousResponseId, ServedBy servedBy,
                                ResponseText text) {

    /** Any items and body (or null), kept as {@link ResponseText#of} has them. */
    public NewStoredResponse(String id, ResponseOwner owner, String previousResponseId, ServedBy servedBy,
                             ResponseItems items, String body) {
        this(id, owner, previousResponseId, servedBy, ResponseText.of(items, body));
    }
}
