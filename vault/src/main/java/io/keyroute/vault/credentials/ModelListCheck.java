package io.keyroute.vault.credentials;

import io.helidon.common.LazyValue;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.keyroute.api.KnownSecrets;
import io.keyroute.api.Secret;
import io.keyroute.api.Secrets;
import io.keyroute.vault.net.BaseUrlGuard;
import io.keyroute.vault.net.Origin;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The cheapest authenticated call each provider has: listing models. It costs no tokens and
 * fails with 401/403 for a bad key. A credential's own base URL is caller-supplied, so its
 * connections go through the {@link BaseUrlGuard}; the provider's configured base URL (same
 * scheme, host and port) is the operator's, reached as inference reaches it, a local model server
 * on a private address included.
 */
public final class ModelListCheck implements CredentialCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ERROR = 300;

    /** Built at the first check, not at start: building a WebClient took ~0.3 s of Keyroute's start-up. */
    private final LazyValue<WebClient> guarded;
    private final LazyValue<WebClient> configured;

    public ModelListCheck(BaseUrlGuard guard) {
        this.guarded = LazyValue.create(() -> client(guard));
        this.configured = LazyValue.create(() -> client(null));
    }

    private static WebClient client(BaseUrlGuard guard) {
        var builder = WebClient.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .readTimeout(TIMEOUT)
                .followRedirects(false);
        if (guard != null) {
            builder.dnsResolver(guard);
        }
        return builder.build();
    }

    /** The key checked (whatever its format, quoted back by the provider) and every known secret literally, then key shapes. */
    private static String withoutKeys(String text, Secret key) {
        return Secrets.scrub(KnownSecrets.mask(text, key));
    }

    @Override
    public Optional<String> check(ProviderInfo provider, URI baseUrl, Secret key) {
        if (provider.type().equals("mock")) {
            return Optional.empty();
        }
        String base = baseUrl.toString().replaceAll("/+$", "");
        boolean operators = Origin.of(baseUrl).equals(Origin.of(provider.baseUrl()));
        WebClient client = operators ? configured.get() : guarded.get();
        HttpClientRequest request = switch (provider.type()) {
            case "anthropic" -> client.get(base + "/v1/models")
                    .header(HeaderNames.create("x-api-key"), key.reveal())
                    .header(HeaderNames.create("anthropic-version"), "2023-06-01");
            case "gemini" -> client.get(base + "/v1beta/models").header(HeaderNames.create("x-goog-api-key"), key.reveal());
            default -> client.get(base + "/models").header(HeaderNames.AUTHORIZATION, "Bearer " + key.reveal());
        };
        try (HttpClientResponse response = request.request()) {
            int status = response.status().code();
            if (status >= 200 && status < 300) {
                return Optional.empty();
            }
            String body = response.entity().as(String.class);
            String excerpt = body.length() > MAX_ERROR ? body.substring(0, MAX_ERROR) + "…" : body;
            return Optional.of("HTTP " + status + " from " + provider.id() + ": " + withoutKeys(excerpt.strip(), key));
        } catch (RuntimeException e) {
            return Optional.of("cannot reach " + provider.id() + ": " + withoutKeys(String.valueOf(e.getMessage()), key));
        }
    }
}
