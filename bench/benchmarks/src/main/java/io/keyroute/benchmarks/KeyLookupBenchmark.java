package io.keyroute.benchmarks;

import io.keyroute.api.Secret;
import io.keyroute.server.auth.Caller;
import io.keyroute.server.auth.KeyrouteKeys;
import io.keyroute.server.auth.StaticTokenAuthenticator;
import io.keyroute.server.auth.TokenHash;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Authenticating a Keyroute key: SHA-256 of the presented key, then a lookup among 10,000 keys. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class KeyLookupBenchmark {
    private StaticTokenAuthenticator authenticator;
    private Secret presented;

    @Setup
    public void issueKeys() {
        var keys = new KeyrouteKeys(new SecureRandom());
        Map<String, Caller> byHash = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            Secret key = keys.mint("kr-");
            byHash.put(TokenHash.of(key), Caller.unrestricted("key_" + i, "user_" + i));
            presented = key;
        }
        authenticator = new StaticTokenAuthenticator(byHash);
    }

    @Benchmark
    public Optional<Caller> authenticate() {
        return authenticator.authenticate(presented);
    }
}
