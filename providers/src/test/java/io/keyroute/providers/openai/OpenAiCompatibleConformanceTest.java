package io.keyroute.providers.openai;

import io.keyroute.testkit.FakeUpstream;
import java.net.URI;

/**
 * An OpenAI-compatible server ({@code type: openai-compatible}, e.g. DeepSeek) on {@link
 * io.keyroute.testkit.openai.FakeOpenAi}: OpenAI's cases, at a base URL the config gives with a
 * trailing slash (the calls must not gain a double slash), with the server's own key shape.
 */
class OpenAiCompatibleConformanceTest extends OpenAiConformanceTest {

    @Override
    protected String kind() {
        return "openai-compatible";
    }

    @Override
    protected URI baseUrl(FakeUpstream fake) {
        return URI.create(fake.baseUrl() + "/");
    }

    @Override
    protected String apiKey() {
        return "sk-0123456789abcdef0123456789abcdef";
    }

    @Override
    protected String goldenProvider() {
        return "openai";
    }
}
