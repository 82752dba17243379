package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.it.ManagementApiTest.Tenancy;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.services.TestServices;
import org.junit.jupiter.api.Test;

/**
 * A credential's own {@code base_url} receives its requests; the SSRF guard runs on every new
 * connection, so once the operator withdraws the permission for private addresses, no new
 * connection to one is made (a kept-alive connection, already checked, may finish its life).
 */
class CustomBaseUrlTest {
    private static final String OWN_KEY = "sk-proj-" + "OwnEndpointOwnEndpointOwn0001";

    @Test
    void storedBaseUrlIsUsedAndGuardedOnEveryConnection() throws Exception {
        try (var configured = FakeOpenAi.start(OWN_KEY); var own = FakeOpenAi.start(OWN_KEY);
             var other = FakeOpenAi.start(OWN_KEY);
             var g = new VaultGateway(TestServices.sqlite(), configured.baseUrl())) {
            Tenancy t = Tenancy.create(g);
            // "localhost" is not a configured provider's host, so only the guard lets it through.
            String ownUrl = own.baseUrl().replace("127.0.0.1", "localhost");
            Response created = g.call("POST", "/api/v1/users/me/llm-credentials", t.adaKey(),
                    "{\"provider\":\"openai\",\"api_key\":\"" + OWN_KEY + "\",\"base_url\":\"" + ownUrl + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.text("base_url")).isEqualTo(ownUrl);

            assertThat(g.chat(t.adaKey(), null).status()).isEqualTo(200);
            assertThat(own.requestCount()).isEqualTo(1);
            assertThat(configured.requestCount()).isZero();

            String otherUrl = other.baseUrl().replace("127.0.0.1", "localhost");
            String second = g.call("POST", "/api/v1/users/me/llm-credentials", t.adaKey(), "{\"provider\":\"openai\",\"api_key\":\""
                    + OWN_KEY + "\",\"name\":\"other\",\"base_url\":\"" + otherUrl + "\"}").text("id");

            g.allowPrivateBaseUrls(false);
            Response refused = g.chat(t.adaKey(), second);
            assertThat(refused.status()).as(refused.body()).isEqualTo(502);
            assertThat(other.requestCount()).isZero();
            assertThat(g.call("POST", "/api/v1/users/me/llm-credentials/" + second + "/validate", t.adaKey(), null)
                    .status()).isEqualTo(422);
            assertThat(g.call("POST", "/api/v1/users/me/llm-credentials", t.adaKey(),
                    "{\"provider\":\"openai\",\"api_key\":\"" + OWN_KEY + "\",\"name\":\"c\",\"base_url\":\"" + ownUrl + "\"}")
                    .status()).isEqualTo(422);
        }
    }

    @Test
    void trustOfAConfiguredUpstreamIsItsOriginNotItsHost() throws Exception {
        try (var configured = FakeOpenAi.start(OWN_KEY); var samehost = FakeOpenAi.start(OWN_KEY);
             var g = new VaultGateway(TestServices.sqlite(), configured.baseUrl())) {
            Tenancy t = Tenancy.create(g);
            // Same host as the configured provider (127.0.0.1), another port: a caller's choice, not the operator's.
            String id = g.call("POST", "/api/v1/users/me/llm-credentials", t.adaKey(), "{\"provider\":\"openai\",\"api_key\":\""
                    + OWN_KEY + "\",\"base_url\":\"" + samehost.baseUrl() + "\"}").text("id");
            g.allowPrivateBaseUrls(false);
            Response refused = g.chat(t.adaKey(), id);

            assertThat(refused.status()).as(refused.body()).isEqualTo(502);
            assertThat(refused.body()).contains("reserved or metadata address");
            assertThat(samehost.requestCount()).isZero();
        }
    }

    @Test
    void aCredentialOfAnOperatorConfiguredPrivateProviderValidates() throws Exception {
        try (var configured = FakeOpenAi.start(OWN_KEY);
             var g = new VaultGateway(TestServices.sqlite(), configured.baseUrl())) {
            Tenancy t = Tenancy.create(g);
            g.allowPrivateBaseUrls(false); // the operator's own provider at 127.0.0.1 stays reachable
            String id = g.call("POST", "/api/v1/users/me/llm-credentials", t.adaKey(),
                    "{\"provider\":\"openai\",\"api_key\":\"" + OWN_KEY + "\"}").text("id");

            Response validated = g.call("POST", "/api/v1/users/me/llm-credentials/" + id + "/validate", t.adaKey(), null);

            assertThat(validated.status()).as(validated.body()).isEqualTo(200);
            assertThat(validated.json().get("last_error").isNull()).as(validated.body()).isTrue();
            assertThat(validated.text("validated_at")).isNotNull();
            assertThat(configured.requests()).anyMatch(r -> r.path().equals("/v1/models"));
            assertThat(g.chat(t.adaKey(), id).status()).as("inference, as before").isEqualTo(200);
        }
    }
}
