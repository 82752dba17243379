package io.keyroute.vault;

import io.keyroute.api.Secret;
import io.keyroute.store.Database;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import io.keyroute.vault.credentials.CredentialCheck;
import io.keyroute.vault.credentials.KeyShape;
import io.keyroute.vault.credentials.ProviderInfo;
import io.keyroute.vault.crypto.MasterKey;
import io.keyroute.vault.keys.KeyMinter;
import io.keyroute.vault.tenancy.User;
import io.keyroute.vault.tenancy.Workspace;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** A vault over a fresh test database, with known providers and a scripted provider check. */
public final class VaultFixture implements AutoCloseable {
    /**
     * Providers with key shapes of the vault's own making (the real ones are the provider kinds',
     * tested in providers): a prefix, never an Anthropic key for the {@code sk-} one, and any key for the mock.
     */
    public static final Map<String, ProviderInfo> PROVIDERS = Map.of(
            "openai", new ProviderInfo("openai", "openai", URI.create("https://api.openai.com/v1"), startingWith("sk-")),
            "anthropic", new ProviderInfo("anthropic", "anthropic", URI.create("https://api.anthropic.com"),
                    startingWith("sk-ant-")),
            "gemini", new ProviderInfo("gemini", "gemini", URI.create("https://generativelanguage.googleapis.com"),
                    startingWith("AIza")),
            "mock", new ProviderInfo("mock", "mock", URI.create("http://mock.invalid"), key -> Optional.empty()));
    private static final SecureRandom RANDOM = new SecureRandom();

    public final Vault vault;
    public final TestDatabase target;
    public volatile Optional<String> checkResult = Optional.empty();

    public VaultFixture(TestDatabase target) {
        this(target, randomMasterKey(), null);
    }

    public VaultFixture(TestDatabase target, MasterKey masterKey, String redisUrl) {
        this(target, masterKey, redisUrl, Clock.systemUTC());
    }

    /** @param clock the vault's time (key expiry, audit times) */
    public VaultFixture(TestDatabase target, MasterKey masterKey, String redisUrl, Clock clock) {
        this.target = target;
        CredentialCheck check = (provider, base, key) -> checkResult;
        this.vault = Vault.open(new Vault.Settings(Database.open(target.url()), masterKey, List.of(), redisUrl,
                clock, VaultFixture::mint, id -> Optional.ofNullable(PROVIDERS.get(id)), () -> false,
                Set.of("free", "pro"), check));
    }

    private static KeyShape startingWith(String prefix) {
        return key -> key.reveal().startsWith(prefix) && (prefix.startsWith("sk-ant-") || !key.reveal().startsWith("sk-ant-"))
                ? Optional.empty() : Optional.of("a key starting with '" + prefix + "'");
    }

    public static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    public static MasterKey randomMasterKey() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return MasterKey.of(raw);
    }

    public static KeyMinter.Minted mint() {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var sb = new StringBuilder("kr-");
        for (int i = 0; i < 43; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(62)));
        }
        Secret key = Secret.of(sb.toString());
        return new KeyMinter.Minted(key, sha256(key));
    }

    public static String sha256(Secret key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.reveal().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Workspace workspace(String name) {
        return vault.tenants().createWorkspace("admin", name, "pro");
    }

    public User user(Workspace workspace, String email) {
        return vault.tenants().createUser("admin", workspace.id(), email, "member");
    }

    /** A plausible provider key that is new each time. */
    public static String providerKey(String prefix) {
        return prefix + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36) + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    }

    public <T> T sql(Function<io.keyroute.store.Jdbc, T> work) {
        return work.apply(vault.database().jdbc());
    }

    @Override
    public void close() {
        vault.close();
    }
}
