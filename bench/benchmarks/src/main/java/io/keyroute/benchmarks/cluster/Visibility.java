package io.keyroute.benchmarks.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * How long a change made on one replica takes to show on each: requests sent straight to every
 * replica, one after another, until the answer shows the change.
 */
final class Visibility {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    record Answer(int status, String body) {
    }

    /** A chat completion sent straight to one replica. */
    static Answer ask(String baseUrl, String key, String model) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"max_completion_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Which key?\"}]}"))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }

    /**
     * For each replica, the milliseconds from {@code changedAt} (a {@link System#nanoTime}) until an
     * answer it gave showed the change (measured at the answer's arrival), or -1 when none did
     * {@code within}.
     */
    static List<Long> millisUntil(List<String> replicaUrls, String key, String model, long changedAt,
                                  Predicate<Answer> changed, Duration within) throws InterruptedException {
        long[] millis = new long[replicaUrls.size()];
        List<Thread> probes = new ArrayList<>();
        for (int i = 0; i < replicaUrls.size(); i++) {
            int replica = i;
            probes.add(Thread.ofVirtual().start(() -> {
                millis[replica] = -1;
                long deadline = changedAt + within.toNanos();
                while (System.nanoTime() < deadline) {
                    Answer answer = ask(replicaUrls.get(replica), key, model);
                    if (changed.test(answer)) {
                        millis[replica] = (System.nanoTime() - changedAt) / 1_000_000;
                        return;
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread probe : probes) {
            probe.join();
        }
        List<Long> result = new ArrayList<>();
        for (long m : millis) {
            result.add(m);
        }
        return result;
    }
}
