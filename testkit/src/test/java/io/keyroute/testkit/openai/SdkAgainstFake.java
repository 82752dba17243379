package io.keyroute.testkit.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh fake per test with the official openai-java client pointed at it (no retries, so errors surface). */
abstract class SdkAgainstFake {
    private final String key;
    FakeOpenAi fake;
    OpenAIClient client;

    SdkAgainstFake(String key) {
        this.key = key;
    }

    @BeforeEach
    void start() {
        fake = FakeOpenAi.start(key);
        client = OpenAIOkHttpClient.builder().apiKey(key).baseUrl(fake.baseUrl()).maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }
}
