package io.keyroute.server.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyroute.api.error.ClientError;
import io.keyroute.vault.keys.KeyRequest;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a limited key asks for, what it gets issued is never wider than itself; what is within it is never refused. */
class KeyBoundsPropertyTest {
    private static final Set<String> ALL = Set.copyOf(KeyFields.CHANGEABLE);
    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    @Provide
    Arbitrary<KeyRequest> settings() {
        Arbitrary<Integer> limit = Arbitraries.integers().between(1, 1_000).injectNull(0.3);
        Arbitrary<Double> usd = Arbitraries.of(0.5, 1.0, 2.5, 100.0).injectNull(0.3);
        Arbitrary<List<String>> models = Arbitraries.of("*", "openai/*", "openai/gpt-4o", "openai/gpt-4o-mini",
                "anthropic/*", "anthropic/claude-sonnet-4-5", "auto").list().ofMaxSize(3);
        Arbitrary<Instant> expiry = Arbitraries.longs().between(1, 1_000).map(T0::plusSeconds).injectNull(0.3);
        return Combinators.combine(limit, limit, usd, models, expiry)
                .as((rpm, tpm, budget, allowed, expires) -> new KeyRequest("k", rpm, tpm, budget, allowed, expires));
    }

    @Property(tries = 2000)
    void anIssuedKeyIsNeverWiderThanItsIssuer(@ForAll("settings") KeyRequest issuer, @ForAll("settings") KeyRequest asked) {
        var bounds = new KeyBounds(issuer);
        KeyRequest issued = bounds.inherit(asked);
        try {
            bounds.require(issued, ALL);
        } catch (ClientError refused) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("wider_than_issuer");
            return;
        }
        assertWithin(issued.rpm(), issuer.rpm());
        assertWithin(issued.tpm(), issuer.tpm());
        assertWithin(issued.budgetUsd(), issuer.budgetUsd());
        assertWithin(issued.expiresAt(), issuer.expiresAt());
        if (!issuer.models().isEmpty() && !issuer.models().contains("*")) {
            assertThat(issued.models()).isNotEmpty().allSatisfy(m -> assertThat(issuer.models().contains(m)
                    || issuer.models().contains(m.substring(0, Math.max(0, m.indexOf('/'))) + "/*")).as(m).isTrue());
        }
    }

    @Property(tries = 1000)
    void theIssuersOwnSettingsAndAnythingNarrowerAreAccepted(@ForAll("settings") KeyRequest issuer) {
        var bounds = new KeyBounds(issuer);
        bounds.require(bounds.inherit(new KeyRequest("child", null, null, null, List.of(), null)), ALL);
        bounds.require(issuer, ALL);
        KeyRequest narrower = new KeyRequest("n", issuer.rpm() == null ? 5 : Math.max(1, issuer.rpm() / 2),
                issuer.tpm(), issuer.budgetUsd() == null ? 0.25 : issuer.budgetUsd() / 2, issuer.models(),
                issuer.expiresAt() == null ? T0 : issuer.expiresAt().minusSeconds(1));
        bounds.require(narrower, ALL);
    }

    @Property(tries = 500)
    void aLimitedIssuerRefusesUnlimited(@ForAll("settings") KeyRequest issuer) {
        var bounds = new KeyBounds(issuer);
        var unlimited = new KeyRequest("u", null, null, null, List.of(), null);
        boolean limited = issuer.rpm() != null || issuer.tpm() != null || issuer.budgetUsd() != null
                || !issuer.models().isEmpty() && !issuer.models().contains("*") || issuer.expiresAt() != null;
        if (limited) {
            assertThatThrownBy(() -> bounds.require(unlimited, ALL)).isInstanceOf(ClientError.class);
        }
    }

    private static <T extends Comparable<T>> void assertWithin(T issued, T limit) {
        if (limit != null) {
            assertThat(issued).isNotNull();
            assertThat(issued.compareTo(limit)).isLessThanOrEqualTo(0);
        }
    }
}
