package io.keyroute.providers.http;

import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientProtocolConfig;
import io.helidon.webclient.spi.DnsResolver;
import io.keyroute.api.error.UpstreamError;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/**
 * HTTP to a real provider with Helidon's WebClient on virtual threads. Carries the lessons
 * measured here: TCP_NODELAY on (Helidon turns it off, which stalled each SSE event by ~40 ms)
 * and a connection cache sized for peak open streams (each open stream holds one connection).
 * It is Helidon's HTTP/1.1 client rather than the generic WebClient: the generic one works out
 * the protocol version on every request, which a profile showed as a tenth of the call's CPU.
 * Two more settings came from profiles: no client write buffer (Helidon copies each request into
 * it through a fresh temporary array, a third of all allocation; without it the request, headers
 * and body already in one buffer, goes to the socket in the same single write), and no validation
 * of the upstream's response headers (Keyroute reads a few of them and forwards none). And unless
 * the JVM is told to use a proxy, none is asked for: Helidon's default asks the system proxy
 * selector on every request, parsing the URI again each time.
 */
public final class HelidonTransport implements Transport {
    private static final List<String> PROXY_PROPERTIES =
            List.of("http.proxyHost", "https.proxyHost", "socksProxyHost", "java.net.useSystemProxies");

    private final Http1Client client;

    public HelidonTransport(Duration connectTimeout, int connectionCacheSize) {
        this(connectTimeout, connectionCacheSize, null);
    }

    /** @param dnsResolver resolves (and may refuse) every host this transport connects to; null for the JDK's */
    public HelidonTransport(Duration connectTimeout, int connectionCacheSize, DnsResolver dnsResolver) {
        var builder = Http1Client.builder()
                .socketOptions(SocketOptions.builder()
                        .tcpNoDelay(true)
                        .connectTimeout(connectTimeout)
                        .build())
                .shareConnectionCache(false)
                .connectionCacheSize(connectionCacheSize)
                .followRedirects(false)
                .sendExpectContinue(false)
                .writeBufferSize(0)
                .protocolConfig(Http1ClientProtocolConfig.builder().validateResponseHeaders(false).build());
        if (dnsResolver != null) {
            builder.dnsResolver(dnsResolver);
        }
        if (!jvmProxyConfigured()) {
            builder.proxy(Proxy.noProxy());
        }
        this.client = builder.build();
    }

    /**
     * Builds a client and drops it: what Helidon sets up once per process on the first client
     * (its service registry, media and encoding contexts, and the default TLS context, which
     * parses the JDK's ~150 trusted certificates) is then ready, for a start-up that does it
     * on another thread while the main one does other work.
     */
    public static void prepare() {
        Http1Client.builder().build();
    }

    /** Whether a JVM proxy property is set (Java's proxies are configured only by them, not by environment variables). */
    static boolean jvmProxyConfigured() {
        for (String property : PROXY_PROPERTIES) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank() && !value.equals("false")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public UpstreamExchange send(String providerId, UpstreamRequest request, Duration idleTimeout) {
        try {
            var call = client.method(Method.create(request.method()))
                    .uri(request.uri())
                    .readTimeout(idleTimeout);
            request.headers().forEach((name, value) -> call.header(HeaderNames.create(name), value));
            HttpClientResponse response = request.hasBody() ? call.submit(request.body()) : call.request();
            return new HelidonExchange(response);
        } catch (RuntimeException e) {
            throw UpstreamFailures.ofSend(providerId, e, idleTimeout);
        }
    }

    private static final class HelidonExchange implements UpstreamExchange {
        private final HttpClientResponse response;

        HelidonExchange(HttpClientResponse response) {
            this.response = response;
        }

        @Override
        public int status() {
            return response.status().code();
        }

        @Override
        public String header(String name) {
            return response.headers().first(HeaderNames.create(name)).orElse(null);
        }

        @Override
        public InputStream body() {
            return response.inputStream();
        }

        @Override
        public void cancel() {
            // Closing an unfinished chunked response closes its connection rather than draining it.
            response.close();
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
