package io.keyroute.server.vault;

import io.keyroute.api.Secret;
import io.keyroute.server.auth.Authenticator;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyLimits;
import io.keyroute.server.auth.TokenHash;
import io.keyroute.usage.CostCalculator;
import io.keyroute.vault.keys.ApiKeys;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/** The admin token (by its stored hash) or a live Keyroute key from the vault. */
public final class VaultAuthenticator implements Authenticator {
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
                Set.copyOf(p.allowedModels()), false, new KeyLimits(p.rpm(), p.tpm(), micros(p.budgetUsd()))));
    }

    private static Long micros(Double usd) {
        return usd == null ? null : CostCalculator.limitMicros(BigDecimal.valueOf(usd));
    }
}
