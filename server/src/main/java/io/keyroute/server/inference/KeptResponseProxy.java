package io.keyroute.server.inference;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.KnownSecrets;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.Credential;
import io.keyroute.providers.KeptResponsesApi;
import io.keyroute.providers.Provider;
import io.keyroute.providers.http.Bodies;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.http.exchange.HeaderText;
import io.keyroute.server.inference.attempts.CallerPlan;
import io.keyroute.server.inference.attempts.CredentialResolver;
import io.keyroute.server.runtime.GatewayRuntime;
import io.keyroute.vault.responses.PassedThroughResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Reads or deletes a response an upstream keeps itself, for the caller Keyroute recorded it for:
 * sent to the provider that made it with the key that made it (through that provider's transport,
 * as inference is), its answer relayed with that key and every known secret masked. Query
 * parameters are OpenAI's documented ones, bounded; anything else is refused, nothing sent.
 */
public final class KeptResponseProxy {
    /** As {@link JsonDelivery}'s bound on a whole answer. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;
    private static final int MAX_VALUES = 32;
    private static final int MAX_VALUE_CHARS = 256;

    /** What the caller asked of the kept response, and the query parameters OpenAI documents for it. */
    enum Read {
        RETRIEVE(Set.of("include", "include[]", "include_obfuscation", "starting_after", "stream")),
        INPUT_ITEMS(Set.of("include", "include[]", "after", "limit", "order")),
        DELETE(Set.of());

        private final Set<String> parameters;

        Read(Set<String> parameters) {
            this.parameters = parameters;
        }
    }

    private final Supplier<GatewayRuntime> runtimes;
    private final CredentialResolver credentials;

    public KeptResponseProxy(Supplier<GatewayRuntime> runtimes, CredentialResolver credentials) {
        this.runtimes = runtimes;
        this.credentials = credentials;
    }

    /**
     * Answers {@code res} with the upstream's answer to {@code read} of {@code record}.
     *
     * @return the upstream's status
     * @throws io.keyroute.api.error.GatewayError before anything is sent: a refused query, a provider
     *         or key no longer usable, the upstream's error or failure (its own 404 as Keyroute's)
     */
    int send(PassedThroughResponse record, Caller caller, Read read, UriQuery query, ServerResponse res) {
        String parameters = parameters(read, query);
        GatewayRuntime runtime = runtimes.get();
        Provider provider = runtime.providers().get(record.provider());
        KeptResponsesApi api = provider == null ? null : provider.adapter().keptResponses().orElse(null);
        if (api == null) {
            throw notFound(record.id());
        }
        Credential credential = credentials.pinned(caller, provider, record.credentialId(),
                CallerPlan.of(runtime.config(), caller).ownKeysAllowed());
        URI baseUrl = credential.baseUrl() != null ? credential.baseUrl() : provider.baseUrl();
        UpstreamRequest request = switch (read) {
            case RETRIEVE -> api.retrieve(baseUrl, credential, record.id(), parameters);
            case INPUT_ITEMS -> api.inputItems(baseUrl, credential, record.id(), parameters);
            case DELETE -> api.delete(baseUrl, credential, record.id());
        };
        try (UpstreamExchange exchange = provider.transport().send(provider.id(), request, provider.timeout())) {
            int status = exchange.status();
            byte[] body = Bodies.readAtMost(exchange.body(), Bodies.declaredLength(exchange.header("content-length")),
                    MAX_ANSWER_BYTES + 1);
            if (status == 404) {
                throw notFound(record.id());
            }
            if (status / 100 != 2) {
                throw provider.adapter().mapError(provider.id(), status, exchange::header, body, credential.apiKey());
            }
            if (body.length > MAX_ANSWER_BYTES) {
                throw UpstreamError.protocol(provider.id(), "answer larger than " + MAX_ANSWER_BYTES + " bytes");
            }
            String contentType = exchange.header("content-type");
            res.status(Status.create(status));
            res.header(HeaderNames.CONTENT_TYPE, contentType == null ? "application/json" : contentType);
            res.send(KnownSecrets.mask(new String(body, StandardCharsets.UTF_8), credential.apiKey())
                    .getBytes(StandardCharsets.UTF_8));
            return status;
        } catch (IOException e) {
            throw UpstreamError.interrupted(provider.id(), "its answer could not be read");
        }
    }

    static ClientError notFound(String id) {
        return ClientError.notFound("Response with id '" + HeaderText.safe(id) + "' not found.");
    }

    /**
     * The caller's query, re-encoded: only the parameters OpenAI documents for {@code read}, each value
     * bounded. A stream of a kept response is not relayed (it would arrive whole): 400.
     */
    private static String parameters(Read read, UriQuery query) {
        var joined = new StringJoiner("&");
        for (String name : query.names()) {
            if (!read.parameters.contains(name)) {
                throw ClientError.badRequest("unknown_parameter", "Unknown parameter: '" + HeaderText.safe(name) + "'.",
                        HeaderText.safe(name));
            }
            List<String> values = query.all(name, List::of);
            if (values.size() > MAX_VALUES) {
                throw ClientError.badRequest("invalid_value", "At most " + MAX_VALUES + " values of '" + name + "'.", name);
            }
            for (String value : values) {
                if (value.length() > MAX_VALUE_CHARS) {
                    throw ClientError.badRequest("invalid_value", "A value of '" + name + "' is longer than "
                            + MAX_VALUE_CHARS + " characters.", name);
                }
                if (name.equals("stream") && !value.equals("false")) {
                    throw ClientError.badRequest("unsupported_parameter", "Streaming a kept response is not supported: "
                            + "retrieve it whole.", "stream");
                }
                joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return joined.toString();
    }
}
