package io.keyroute.server.runtime;

import io.keyroute.api.KnownSecrets;
import io.keyroute.api.Secret;
import io.keyroute.api.Secrets;
import io.keyroute.providers.ProviderKind;
import io.keyroute.providers.ProviderRegistry;
import io.keyroute.providers.http.UpstreamExchange;
import io.keyroute.providers.http.UpstreamRequest;
import io.keyroute.vault.credentials.CredentialCheck;
import io.keyroute.vault.credentials.ProviderInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether a stored key works, asked of its provider with the kind's models probe (the cheapest
 * authenticated call: no tokens, 401/403 for a bad key) through the runtime's
 * {@link GatewayRuntime#probes() probe transport}: the upstream transport's origin rule (a
 * credential's own base URL is guarded at every connection, DNS rebinding included; a configured
 * provider's origin is the operator's), no redirects, {@value #TIMEOUT_SECONDS} s to connect and
 * for each read. What comes back is quoted at most {@value #MAX_ERROR} characters long, without
 * the key (in any format) or any known secret.
 */
public final class CredentialProbe implements CredentialCheck {
    static final int TIMEOUT_SECONDS = 10;
    static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);
    static final int MAX_ERROR = 300;
    /** Enough bytes for {@link #MAX_ERROR} characters of UTF-8, and no more read from a peer that sends more. */
    private static final int MAX_ERROR_BYTES = MAX_ERROR * 4;

    private final Supplier<GatewayRuntime> runtimes;
    private final ProviderRegistry kinds;

    /** @param runtimes the runtime in force (consulted per check, so it may be set after this is built) */
    public CredentialProbe(Supplier<GatewayRuntime> runtimes, ProviderRegistry kinds) {
        this.runtimes = runtimes;
        this.kinds = kinds;
    }

    @Override
    public Optional<String> check(ProviderInfo provider, URI baseUrl, Secret key) {
        ProviderKind kind = kinds.find(provider.type())
                .orElseThrow(() -> new IllegalStateException("unknown provider type " + provider.type()));
        Optional<UpstreamRequest> probe = kind.modelsProbe(baseUrl, key);
        if (probe.isEmpty()) {
            return Optional.empty();
        }
        try (UpstreamExchange answer = runtimes.get().probes().send(provider.id(), probe.get(), TIMEOUT)) {
            int status = answer.status();
            if (status >= 200 && status < 300) {
                return Optional.empty();
            }
            return Optional.of("HTTP " + status + " from " + provider.id() + ": "
                    + withoutKeys(excerpt(answer.body()).strip(), key));
        } catch (RuntimeException | IOException e) {
            return Optional.of("cannot reach " + provider.id() + ": " + withoutKeys(String.valueOf(e.getMessage()), key));
        }
    }

    private static String excerpt(InputStream body) throws IOException {
        String text = new String(body.readNBytes(MAX_ERROR_BYTES), StandardCharsets.UTF_8);
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) + "…" : text;
    }

    /** The key checked (whatever its format, quoted back by the provider) and every known secret literally, then key shapes. */
    private static String withoutKeys(String text, Secret key) {
        return Secrets.scrub(KnownSecrets.mask(text, key));
    }
}
