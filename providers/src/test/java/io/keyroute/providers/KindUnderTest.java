package io.keyroute.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyroute.api.Usage;
import io.keyroute.api.Secret;
import io.keyroute.api.error.UpstreamError;
import io.keyroute.providers.http.HelidonTransport;
import io.keyroute.testkit.FakeUpstream;
import io.keyroute.testkit.RecordedRequest;
import io.keyroute.testkit.replies.Reply;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The provider kind a {@link ProviderConformanceTest} subclass puts through the matrix: what the
 * subclass says about its kind (its fake, a key of its shape, and how its calls look on its wire),
 * and the wiring every case runs over, the kind's adapter from {@link ProviderRegistry} and a real
 * {@link HelidonTransport} to the fake on loopback, fresh for each case.
 */
public abstract class KindUnderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    /** The kind's fake, fresh for each case. */
    FakeUpstream fake;
    /** The kind's adapter over a real transport to {@link #fake}, as a config wires it. */
    AdapterOverTransport call;

    /** The kind's config name, as {@link ProviderRegistry} knows it. */
    protected abstract String kind();

    /** The kind's fake on a random loopback port, accepting {@code apiKey}. */
    protected abstract FakeUpstream startFake(String apiKey);

    /** A key shaped like the provider's own. */
    protected abstract String apiKey();

    /** The provider's name for the model the calls ask for. */
    protected abstract String upstreamModel();

    /** The base URL a config points at the fake with. */
    protected URI baseUrl(FakeUpstream fake) {
        return URI.create(fake.baseUrl());
    }

    /** The request line, auth and version headers and the model of a chat call. */
    protected abstract void assertChatCall(RecordedRequest call, boolean stream);

    /** The caller's get_weather tool, as the provider's body declares it. */
    protected abstract void assertToolsSent(JsonNode body);

    /** The round trip's call_1 (get_weather for Paris) and its result "Sunny, 21 C", as the provider's body carries them. */
    protected abstract void assertToolResultSent(JsonNode body);

    /** The caller's PNG ({@link CallerRequests#IMAGE}), as the provider's body carries it. */
    protected abstract void assertImageSent(JsonNode body);

    /** The caller's PDF ({@link CallerRequests#PDF}, named r.pdf), as the provider's body carries it. */
    protected abstract void assertPdfSent(JsonNode body);

    /** The caller's response_format (a JSON schema with an integer {@code a}), as the provider's body asks for it. */
    protected abstract void assertJsonModeSent(JsonNode body);

    /** How the provider answers in JSON mode with {@code json}. */
    protected Reply jsonAnswer(String json) {
        return Reply.text(json);
    }

    /** The provider's name for the embeddings model the embeddings case asks for. */
    protected String embeddingsModel() {
        return upstreamModel();
    }

    /** The caller's {@code reasoning_effort: low} (no output limit), as the provider's body asks for it. */
    protected void assertReasoningAsked(JsonNode body) {
        throw new UnsupportedOperationException(kind() + " declares REASONING: say how it asks for reasoning");
    }

    /** The request line and body of an embeddings call for the inputs "alpha" and "beta". */
    protected void assertEmbeddingsCall(RecordedRequest call) {
        throw new UnsupportedOperationException(kind() + " declares EMBEDDINGS: say what its embeddings call looks like");
    }

    /** The request line and auth of a Responses call passed through, for a kind declaring OPENAI_RESPONSES_API. */
    protected void assertResponsesCall(RecordedRequest call, boolean stream) {
        throw new UnsupportedOperationException(kind() + " declares OPENAI_RESPONSES_API: say what its Responses call looks like");
    }

    /** The request line, auth and version headers of the kind's token-count call, for a kind declaring TOKEN_COUNT. */
    protected void assertCountCall(RecordedRequest call) {
        throw new UnsupportedOperationException(kind() + " declares TOKEN_COUNT: say what its count call looks like");
    }

    /** The prompt a translated count call carries, in the shape of the kind's generation body. */
    protected JsonNode countedPrompt(RecordedRequest call) {
        return call.json();
    }

    /**
     * What the kind's fake counts for each count case's prompt as the kind sends it (every fake: a
     * token per four characters of its strings, so each number follows the kind's translation).
     */
    protected Map<ResponsesConformanceTest.CountCase, Long> fakeCounts() {
        throw new UnsupportedOperationException(kind() + " declares TOKEN_COUNT: say what its fake counts");
    }

    /** The request line and auth of the kind's models probe (the credential check). */
    protected abstract void assertModelsProbe(RecordedRequest call);

    /** The status the provider answers a models probe with an unknown key. */
    protected abstract int refusedKeyStatus();

    /** The status the provider answers when it is overloaded. */
    protected abstract int overloadStatus();

    /** The usage reports of a stream scripted with 20 prompt tokens (8 cached) and 3 completion tokens, in order. */
    protected abstract void assertStreamUsageReports(List<StreamedAnswer.UsageReport> reports);

    /**
     * What the kind's wire reports of a scripted usage with cache reads and writes: the reads only
     * (OpenAI's and Gemini's usage have no cache writes a fake would report); Anthropic's all of it.
     */
    protected Usage cacheUsageReported(Usage scripted) {
        return new Usage(scripted.promptTokens(), scripted.completionTokens(), scripted.cachedTokens(),
                scripted.reasoningTokens());
    }

    /** The folder of {@code src/test/resources/golden} whose recorded streams this kind decodes. */
    protected String goldenProvider() {
        return kind();
    }

    /** The provider failing with {@code status} (a 429 saying when to retry), as the errors-by-status cases script it. */
    static Reply failure(int status) {
        Reply failure = Reply.error(status, "scripted failure " + status);
        return status == 429 ? failure.header("retry-after", "7") : failure;
    }

    /** The adapter's error for {@link #failure}: whether to retry, when, and whether the key was refused. */
    void assertFailure(UpstreamError error, int status) {
        assertThat(error.kind()).isEqualTo(UpstreamError.Kind.STATUS);
        assertThat(error.upstreamStatus()).isEqualTo(status);
        assertThat(error.getMessage()).isEqualTo(kind() + " returned " + status + ": scripted failure " + status);
        assertThat(error.retryable()).isEqualTo(status == 429 || status == 500);
        assertThat(error.credentialRejected()).isEqualTo(status == 401 || status == 403);
        assertThat(error.retryAfter()).isEqualTo(status == 429 ? Optional.of(Duration.ofSeconds(7)) : Optional.empty());
    }

    @BeforeEach
    void startTheFake() {
        fake = startFake(apiKey());
        var transport = new HelidonTransport(Duration.ofSeconds(5), 4);
        call = new AdapterOverTransport(kind(), descriptor().newAdapter(CLOCK), transport, baseUrl(fake), upstreamModel(),
                new Credential("system:" + kind(), Secret.of(apiKey())));
    }

    @AfterEach
    void stopTheFake() {
        fake.close();
    }

    /** Skips the case, naming the capability, unless the kind declares it. */
    void requires(ProviderCapability capability) {
        Set<ProviderCapability> declared = descriptor().capabilities();
        assumeTrue(declared.contains(capability), () -> kind() + " does not declare " + capability);
    }

    /** The kind as the registry has it: its adapter and capabilities are the ones a config gets. */
    ProviderKind descriptor() {
        return ProviderRegistry.builtIn().find(kind()).orElseThrow();
    }
}
