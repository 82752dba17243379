package io.keyroute.server.cli.bench;

import io.keyroute.api.Secret;
import io.keyroute.server.Gateway;
import io.keyroute.server.accounting.UsageSink;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;

/**
 * A bench run against a gateway started for it: {@link #records()} must be that gateway's usage
 * sink, and {@code token} a key it accepts.
 */
public final class ProviderBench {
    private final RecordedRequests records = new RecordedRequests();
    private final Secret token;
    private final PrintWriter progress;

    public ProviderBench(Secret token, PrintWriter progress) {
        this.token = token;
        this.progress = progress;
    }

    public UsageSink records() {
        return records;
    }

    /**
     * @param providers provider ids, empty for every configured one
     * @param models    {@code provider/model} overrides of the cheapest catalog chat model
     * @param warmups   unmeasured requests per provider before the measured ones
     * @throws IllegalArgumentException for an unknown provider or a model of a provider not chosen
     */
    public BenchResults run(Gateway gateway, List<String> providers, List<String> models, List<BenchPrompt> prompts,
                            int requests, int warmups) throws InterruptedException {
        BenchSelection selection = BenchSelection.of(gateway.runtime(), providers, models);
        var client = new BenchClient(URI.create("http://127.0.0.1:" + gateway.port()), token);
        return new BenchRun(client, records, progress).run(selection, prompts, requests, warmups);
    }
}
