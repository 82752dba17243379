package io.keyroute.providers.openai;

import io.keyroute.providers.Credential;
import io.keyroute.providers.KeptResponsesApi;
import io.keyroute.providers.http.UpstreamRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** OpenAI's {@code GET}/{@code DELETE /responses/{id}} and {@code GET /responses/{id}/input_items}. */
final class OpenAiKeptResponses implements KeptResponsesApi {
    @Override
    public UpstreamRequest retrieve(URI baseUrl, Credential credential, String id, String query) {
        return UpstreamRequest.get(uri(baseUrl, id, "", query), OpenAiApi.readHeaders(credential.apiKey()));
    }

    @Override
    public UpstreamRequest inputItems(URI baseUrl, Credential credential, String id, String query) {
        return UpstreamRequest.get(uri(baseUrl, id, "/input_items", query), OpenAiApi.readHeaders(credential.apiKey()));
    }

    @Override
    public UpstreamRequest delete(URI baseUrl, Credential credential, String id) {
        return UpstreamRequest.delete(uri(baseUrl, id, "", ""), OpenAiApi.readHeaders(credential.apiKey()));
    }

    /** The id is one path segment, whatever it holds. */
    private static URI uri(URI baseUrl, String id, String below, String query) {
        String path = OpenAiApi.RESPONSES + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + below;
        URI resource = OpenAiApi.resolve(baseUrl, path);
        return query.isEmpty() ? resource : URI.create(resource + "?" + query);
    }
}
