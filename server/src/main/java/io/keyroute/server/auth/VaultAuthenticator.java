package io.keyroute.server.auth;

import io.keyroute.api.Secret;
import io.keyroute.usage.CostCalculator;
import io.keyroute.vault.keys.ApiKeys;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/** The admin token (by its stored hash) or a live Keyroute key from the vault. */
public final class VaultAuthenticator implements Authenticator {
    /** Dollars whose micro-dollars no longer fit a long. */
    private static final double SATURATED_USD = Long.MAX_VALUE / 1e6;

    private final ApiKeys keys;
    private final byte[] adminHash;

    public VaultAuthenticator(ApiKeys keys, String adminHash) {
        this.keys = keys;
        this.adminHash = adminHash.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Optional<Caller> authenticate(Secret token) {
        String hash = TokenHash.of(token);
        if (MessageDigest.isEqual(adminHash, hash.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(Caller.operator());
        }
        return keys.authenticate(hash).map(p -> new Caller(p.keyId(), p.userId(), p.workspaceId(), p.plan(),
                Set.copyOf(p.allowedModels()), false, new KeyLimits(p.rpm(), p.tpm(), micros(p.budgetUsd())),
                p.role() == null ? null : p.role().wire()));
    }

    /**
     * The key's budget in micro-dollars. One stored before amounts were checked (infinite, or more
     * micro-dollars than a long holds) saturates, so its key still authenticates and can revoke itself.
     */
    private static Long micros(Double usd) {
        if (usd == null) {
            return null;
        }
        if (!Double.isFinite(usd) || usd >= SATURATED_USD) {
            return Long.MAX_VALUE;
        }
        return CostCalculator.limitMicros(BigDecimal.valueOf(Math.max(usd, 0)));
    }
}
