package io.keyroute.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small java.net.http client for the tests. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    static HttpRequest.Builder post(FakeOpenAi fake, String path, String key, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("authorization", "Bearer " + key);
        }
        return b;
    }

    static HttpResponse<String> send(HttpRequest.Builder req) throws IOException, InterruptedException {
        return CLIENT.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<InputStream> open(HttpRequest.Builder req) throws IOException, InterruptedException {
        return CLIENT.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    static JsonNode json(String s) throws IOException {
        return JSON.readTree(s);
    }

    /** Reads SSE events (the text after "data: ") until the body ends. */
    static List<String> events(InputStream in) throws IOException {
        SseReader reader = new SseReader(in);
        List<String> out = new ArrayList<>();
        String e;
        while ((e = reader.next()) != null) {
            out.add(e);
        }
        return out;
    }

    /** Reads one SSE event at a time: returns its data, or null at the end of the body. */
    static final class SseReader implements AutoCloseable {
        private final BufferedReader reader;

        SseReader(InputStream in) {
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        String next() throws IOException {
            String data = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        return data;
                    }
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            return data;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
