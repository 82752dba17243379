package io.keyroute.benchmarks;

import io.keyroute.api.Secret;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyrouteKeys;
import io.keyroute.server.config.ConfigLoader;
import io.keyroute.server.mcp.oauth.McpOAuth;
import io.keyroute.server.mcp.oauth.VaultUpstreamAuthorization;
import io.keyroute.server.runtime.VaultStartup;
import io.keyroute.vault.Vault;
import io.keyroute.vault.credentials.Credentials;
import io.keyroute.vault.credentials.NewCredential;
import io.keyroute.vault.credentials.Owner;
import io.keyroute.vault.net.BaseUrlGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The {@code Authorization} header {@code /mcp} sends an upstream MCP server for a caller with a static token
 * (a vault over SQLite): {@link #kept}, what every call pays once the token was resolved
 * ({@link VaultUpstreamAuthorization} keeps it until the caller's credentials change), and {@link #lookedUp}, what
 * each call paid before: the caller's credential pool read and the token decrypted.
 */
public class McpTokenBenchmark extends MicrosecondBenchmark {
    private static final Owner USER = Owner.user("usr_1");
    private static final Caller CALLER = new Caller("key_1", USER.id(), "ws_1", null, Set.of(), false);

    private Path dir;
    private Vault vault;
    private Credentials credentials;
    private VaultUpstreamAuthorization authorization;

    @Setup
    public void store() throws IOException {
        dir = Files.createTempDirectory("keyroute-mcp-bench");
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        var loader = new ConfigLoader(Map.of("KEYROUTE_DATABASE_URL", "jdbc:sqlite:" + dir.resolve("keyroute.db")));
        vault = VaultStartup.open(loader.loadDefaults(), Map.of("KEYROUTE_MASTER_KEY",
                Base64.getEncoder().encodeToString(master)), dir, new KeyrouteKeys(new SecureRandom()), () -> null,
                Clock.systemUTC());
        credentials = vault.mcpCredentials();
        credentials.create("bench", USER, CALLER.workspaceId(),
                new NewCredential("docs", Secret.of("ghp_" + "BenchTokenBenchToken".repeat(2)), null, null, null));
        authorization = new VaultUpstreamAuthorization(credentials, new McpOAuth(credentials, id -> Optional.empty(),
                new BaseUrlGuard(() -> false), Clock.systemUTC()), vault.database().cacheFreshness());
        if (authorization.authorization(CALLER, "docs").isEmpty()) {
            throw new IllegalStateException("the stored token was not found");
        }
    }

    @TearDown
    public void close() throws IOException {
        vault.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Optional<String> kept() {
        return authorization.authorization(CALLER, "docs");
    }

    @Benchmark
    public Secret lookedUp() {
        String id = credentials.pool(USER, "docs").getFirst().id();
        return credentials.unseal(USER, id).apiKey();
    }
}
