package io.keyroute.benchmarks.cluster;

import com.openai.client.OpenAIClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/**
 * Many requests at once against one small budget, spread over every replica (straight to each, in
 * turn), each able to cost its whole maximum: without a shared, atomic reservation, replicas would
 * each admit what their own view of the budget allows. The SDK does not retry here: a refusal is
 * the answer being measured.
 */
final class BudgetRace {
    /** A prompt of ~300 bytes, so the reservation's input bound covers the tokens the fake bills. */
    static final String PROMPT = "Summarise the following in one word: " + "replicas share one budget. ".repeat(10);

    record Result(int sent, long answered, long refusedBudget, List<String> otherErrors, List<String> answeredIds) {
    }

    static Result run(List<String> replicaUrls, String key, String model, int requests, long maxTokens)
            throws InterruptedException {
        List<OpenAIClient> clients = replicaUrls.stream().map(url -> Traffic.sdk(url, key, 0)).toList();
        var outcomes = new ConcurrentLinkedQueue<Traffic.Outcome>();
        var go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            OpenAIClient client = clients.get(i % clients.size());
            senders.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                outcomes.add(Traffic.complete(client, Traffic.ask(model, PROMPT, maxTokens)));
            }));
        }
        go.countDown();
        for (Thread sender : senders) {
            sender.join();
        }
        clients.forEach(OpenAIClient::close);
        long answered = outcomes.stream().filter(Traffic.Outcome::answered).count();
        long refused = outcomes.stream().filter(o -> o.error() != null && o.error().startsWith("HTTP 429")).count();
        List<String> others = outcomes.stream().filter(o -> !o.answered() && (o.error() == null || !o.error().startsWith("HTTP 429")))
                .map(Traffic.Outcome::error).toList();
        List<String> ids = outcomes.stream().filter(o -> o.answered() && o.requestId() != null).map(Traffic.Outcome::requestId).toList();
        return new Result(requests, answered, refused, others, ids);
    }
}
