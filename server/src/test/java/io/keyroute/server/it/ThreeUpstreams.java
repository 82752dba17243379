package io.keyroute.server.it;

import io.keyroute.testkit.anthropic.FakeAnthropic;
import io.keyroute.testkit.gemini.FakeGemini;
import io.keyroute.testkit.openai.FakeOpenAi;

/** Fakes of all three provider families behind one real gateway, started and closed together. */
final class ThreeUpstreams implements AutoCloseable {
    final FakeOpenAi openai = FakeOpenAi.builder().apiKey(TestGateway.UPSTREAM_KEY).start();
    final FakeAnthropic anthropic = FakeAnthropic.start(TestGateway.ANTHROPIC_KEY);
    final FakeGemini gemini = FakeGemini.start(TestGateway.GEMINI_KEY);
    final TestGateway keyroute = TestGateway.inFrontOf(openai.baseUrl(), anthropic.baseUrl(), gemini.baseUrl());

    @Override
    public void close() {
        keyroute.close();
        gemini.close();
        anthropic.close();
        openai.close();
    }
}
