package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.it.ManagementApiTest.Tenancy;
import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.services.TestServices;
import io.keyroute.testkit.services.TestServices.TestDatabase;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Numbers in management bodies that are not finite, negative or zero where a limit is meant, or absurd
 * are 422 naming the field, never stored; a key whose stored limit is absurd still authenticates, so it
 * can always revoke itself.
 */
class ManagementNumbersTest {
    private static final String ADMIN = VaultGateway.ADMIN_TOKEN;

    static List<TestDatabase> databases() {
        return TestServices.databases();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void absurdKeyLimitsAndBudgetsAre422NamingTheField(TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.start("sk-unused"); var g = new VaultGateway(db, upstream.baseUrl())) {
            Tenancy t = Tenancy.create(g);
            String keys = "/api/v1/users/" + t.bob() + "/keys";
            for (String budget : List.of("1e400", "-1e400", "-1", "0", "1000000000.01", "1e10")) {
                assertRefused(g.call("POST", keys, ADMIN, "{\"name\":\"k\",\"budget_usd\":" + budget + "}"), "budget_usd");
            }
            for (String perMinute : List.of("0", "-5", "1.5", "1e12", "2147483648", "99999999999999999999999")) {
                assertRefused(g.call("POST", keys, ADMIN, "{\"name\":\"k\",\"rpm\":" + perMinute + "}"), "rpm");
                assertRefused(g.call("POST", keys, ADMIN, "{\"name\":\"k\",\"tpm\":" + perMinute + "}"), "tpm");
            }
            assertThat(g.call("POST", keys, ADMIN, "{\"name\":\"k\",\"rpm\":\"60\"}").status()).isEqualTo(400);
            Response largest = g.call("POST", keys, ADMIN,
                    "{\"name\":\"k\",\"rpm\":1000000000,\"tpm\":1000000000,\"budget_usd\":1000000000}");
            assertThat(largest.status()).as(largest.body()).isEqualTo(201);
            assertThat(largest.json().get("budget_usd").asDouble()).isEqualTo(1e9);

            String budget = "/api/v1/workspaces/" + t.ws() + "/budget";
            for (String limit : List.of("1e400", "-1e400", "-0.01", "1000000000.000001")) {
                Response refused = g.call("PUT", budget, ADMIN, "{\"period\":\"monthly\",\"limit_usd\":" + limit + "}");
                assertThat(refused.status()).as(limit).isEqualTo(422);
                assertThat(refused.json().at("/error/message").asText()).contains("limit_usd");
            }
            assertThat(g.call("GET", budget, ADMIN, null).status()).isEqualTo(404); // nothing was stored
            assertThat(g.call("PUT", budget, ADMIN, "{\"period\":\"monthly\",\"limit_usd\":1000000000}").status())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aKeyWhoseStoredBudgetIsAbsurdStillRevokesItself(TestDatabase db) throws Exception {
        try (var upstream = FakeOpenAi.start("sk-unused"); var g = new VaultGateway(db, upstream.baseUrl())) {
            Tenancy t = Tenancy.create(g);
            for (double stored : new double[] {Double.POSITIVE_INFINITY, 1e300}) {
                Response issued = g.call("POST", "/api/v1/users/" + t.bob() + "/keys", ADMIN, "{\"name\":\"k\",\"budget_usd\":5}");
                // as a build before amounts were checked stored it
                g.vault.database().jdbc().update("UPDATE api_keys SET budget_usd = ? WHERE id = ?", stored, issued.text("id"));
                String key = issued.text("key");

                assertThat(g.call("GET", "/api/v1/users/me/keys", key, null).status()).isEqualTo(200);
                Response revoked = g.call("DELETE", "/api/v1/keys/" + issued.text("id"), key, null);
                assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
                assertThat(g.call("GET", "/api/v1/users/me/keys", key, null).status()).isEqualTo(401);
            }
        }
    }

    private static void assertRefused(Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().at("/error/message").asText()).startsWith("'" + field + "' must be");
    }
}
