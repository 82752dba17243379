package io.keyroute.guardrails.secrets;

import io.keyroute.guardrails.LabelledCorpus;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static io.keyroute.guardrails.secrets.SecretTypes.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secrets detector over a labelled corpus: every family in the places a developer pastes it,
 * and the look-alikes that must pass (hashes, UUIDs, images, identifiers, prose, config numbers).
 */
class SecretsCorpusTest {
    private final FakeKeys keys = new FakeKeys(24);

    @Test
    void precisionAndRecallHoldOnTheLabelledCorpus() {
        var corpus = corpus();
        var score = corpus.score(SecretsDetector.all("secrets"));

        assertThat(corpus.size()).isGreaterThanOrEqualTo(100);
        assertThat(score.recall()).as(score.mistakes().toString()).isGreaterThanOrEqualTo(0.97);
        assertThat(score.precision()).as(score.mistakes().toString()).isGreaterThanOrEqualTo(0.97);
    }

    private LabelledCorpus corpus() {
        var c = new LabelledCorpus();
        for (int i = 0; i < 3; i++) {
            c.flagged(OPENAI_API_KEY, "my key is " + keys.openAiLegacy() + ", why does it fail?")
                    .flagged(OPENAI_API_KEY, "OPENAI_API_KEY=" + keys.openAiProject())
                    .flagged(ANTHROPIC_API_KEY, "curl -H 'x-api-key: " + keys.anthropic() + "' https://api.anthropic.com")
                    .flagged(GOOGLE_API_KEY, "https://generativelanguage.googleapis.com/v1beta/models?key=" + keys.google())
                    .flagged(DEEPSEEK_API_KEY, "client = OpenAI(api_key=\"" + keys.deepSeek() + "\", base_url=...)")
                    .flagged(KEYROUTE_KEY, "Authorization: Bearer " + keys.keyroute())
                    .flagged(AWS_ACCESS_KEY_ID, "aws configure set aws_access_key_id " + keys.awsAccessKeyId())
                    .flagged(AWS_SECRET_ACCESS_KEY, "[default]\naws_secret_access_key = " + keys.awsSecretAccessKey())
                    .flagged(GITHUB_TOKEN, "git clone https://" + keys.github() + "@github.com/acme/app.git")
                    .flagged(GITHUB_TOKEN, "token " + keys.githubFineGrained())
                    .flagged(GITLAB_TOKEN, "PRIVATE-TOKEN: " + keys.gitlab())
                    .flagged(SLACK_TOKEN, "slack bot token " + keys.slack() + " stopped working")
                    .flagged(STRIPE_KEY, "Stripe.api_key = '" + keys.stripe() + "'")
                    .flagged(JWT, "decode this: " + keys.jwt())
                    .flagged(AZURE_CONNECTION_STRING, "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey="
                            + keys.azureAccountKey() + ";EndpointSuffix=core.windows.net")
                    .flagged(AZURE_CONNECTION_STRING, "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName="
                            + "RootManageSharedAccessKey;SharedAccessKey=" + keys.azureAccountKey().substring(0, 44))
                    .flagged(PRIVATE_KEY, "my deploy key:\n" + keys.pem("RSA PRIVATE KEY", 1190, "\n"))
                    .flagged(PRIVATE_KEY, keys.pem("OPENSSH PRIVATE KEY", 400, "\r\n"))
                    .flagged(PRIVATE_KEY, keys.pem("EC PRIVATE KEY", 121, "\n") + "\nwhy does ssh reject it?")
                    .flagged(GCP_SERVICE_ACCOUNT_KEY, "{\"type\": \"service_account\", \"project_id\": \"acme\", "
                            + "\"private_key\": \"" + keys.pem("PRIVATE KEY", 1218, "\\n") + "\\n\", "
                            + "\"client_email\": \"bot@acme.iam.gserviceaccount.com\"}")
                    .flagged(PASSWORD, "DB_HOST=localhost\nDB_PASSWORD=" + keys.of(FakeKeys.BASE62, 14) + "!\nDB_PORT=5432")
                    .flagged(PASSWORD, "spring.datasource.password: Tr0ub4dor&3x")
                    .flagged(SECRET_VALUE, "SESSION_SECRET=" + keys.of(FakeKeys.BASE62, 24))
                    .flagged(SECRET_VALUE, "{\"auth_token\": \"" + keys.of(FakeKeys.BASE62, 30) + "\"}")
                    .flagged(SECRET_VALUE, "export SENDGRID_API_KEY=SG." + keys.of(FakeKeys.BASE62, 22) + "." + keys.of(FakeKeys.BASE62, 43))
                    .flagged(HIGH_ENTROPY_TOKEN, "use " + keys.of(FakeKeys.BASE62, 32) + " as the webhook signing value")
                    .flagged(HIGH_ENTROPY_TOKEN, "the header was X-Custom: " + keys.of(FakeKeys.BASE62 + "+/", 48));
        }
        c.flagged(null, dotEnv());

        for (int i = 0; i < 3; i++) {
            c.passes("Cherry-pick commit " + keys.gitSha() + " onto the release branch.")
                    .passes("Request id " + keys.uuid() + " failed with a 502.")
                    .passes("sha256: " + keys.of("0123456789abcdef", 64))
                    .passes("Here is the logo: data:image/png;base64," + Base64.getEncoder().encodeToString(keys.bytes(600)))
                    .passes("Tiny pixel: <img src=\"data:image/gif;base64," + Base64.getEncoder().encodeToString(keys.bytes(40)) + "\">");
        }
        c.passes("The class SameThreadHierarchicalTestExecutorService runs each test in order.")
                .passes("Set max_tokens: 4096 and temperature: 0.2 for the summariser.")
                .passes("tokenizer: cl100k_base, model: gpt-4o-mini-2024-07-18")
                .passes("The key: keep it short. The secret: nobody reads the manual.")
                .passes("password: changeme (the installer asks you to replace it)")
                .passes("API_KEY=<your-api-key-here>")
                .passes("OPENAI_API_KEY=${OPENAI_API_KEY}")
                .passes("token: xxxxxxxxxxxxxxxx")
                .passes("See https://docs.example.com/guides/authentication/api-keys/rotating-credentials-safely for details.")
                .passes("/usr/local/lib/python3.12/site-packages/transformers/models/llama/modeling_llama.py")
                .passes("The AWS docs use AKIAIOSFODNN7EXAMPLE as a sample access key id.")
                .passes("Our sk-learn pipeline uses StandardScaler before LogisticRegression.")
                .passes("user_profile_2024_v2_backup_final.csv was uploaded by the nightly job")
                .passes("ProjectAlpha2024Report and ProjectBeta2025Summary are both due Friday.")
                .passes("An eyJ prefix alone means nothing: eyJhbGciOi is just the start of a header.")
                .passes("Version 1.2.3-rc.4+build.20241201 is on the release channel.")
                .passes("Call me at +1-415-555-0100 or write to ops@example.com.")
                .passes("The function returns Optional<Map<String, List<Integer>>> when the cache misses.")
                .passes("Container image: ghcr.io/acme/api-gateway:2024.11.30-7f3a9c1")
                .passes("Base64 of 'hello world' is aGVsbG8gd29ybGQ=, nothing secret about it.")
                .passes("kubectl get pods -n kube-system -o wide --field-selector=status.phase=Running")
                .passes("The ISBN is 978-3-16-148410-0 and the order number ORD-2024-000123.")
                .passes("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----")
                .passes("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----")
                .passes("The meeting moved to Thursday; bring the quarterly numbers and the new roadmap.")
                .passes("Stripe publishable keys start with pk_live_ and are safe to embed in a page.");
        return c;
    }

    private String dotEnv() {
        return "# copied from my laptop\nNODE_ENV=production\nPORT=8080\nDATABASE_HOST=db.internal\n"
                + "STRIPE_SECRET_KEY=" + keys.stripe() + "\nANTHROPIC_API_KEY=" + keys.anthropic()
                + "\nJWT_SIGNING_KEY=" + keys.of(FakeKeys.BASE62, 40) + "\nLOG_LEVEL=debug\n";
    }
}
