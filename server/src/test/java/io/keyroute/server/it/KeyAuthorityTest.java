package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.it.VaultGateway.Response;
import io.keyroute.testkit.openai.FakeOpenAi;
import io.keyroute.testkit.services.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may list, issue, change and revoke a user's keys (the admin token and the user, nobody
 * else), and that a key acting on keys makes none wider than itself, over real HTTP. The rules
 * are in the server, not the store: one SQLite gateway serves every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyAuthorityTest {
    private static final String ADMIN = VaultGateway.ADMIN_TOKEN;
    private static final String OPENAI_KEY = "sk-proj-" + "KeyAuthorityKeyAuthority000001";
    private FakeOpenAi upstream;
    private VaultGateway g;

    @BeforeAll
    void start() throws Exception {
        upstream = FakeOpenAi.start(OPENAI_KEY);
        g = new VaultGateway(TestServices.sqlite(), upstream.baseUrl());
    }

    @AfterAll
    void stop() {
        g.close();
        upstream.close();
    }

    private static String keys(String user) {
        return "/api/v1/users/" + user + "/keys";
    }

    // --- 17.17: only the admin token and the user themself manage a user's keys

    @Test
    void aWorkspaceAdminCannotIssueAKeyForAMember() {
        Team t = Team.create(g).withOpenAiKey(g, OPENAI_KEY);
        Response r = g.call("POST", keys(t.bob()), t.adaKey(), "{\"name\":\"as-bob\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().at("/error/message").asText()).contains("Only the admin token and the user themself");
        assertThat(g.call("GET", keys(t.bob()), ADMIN, null).json().get("data")).hasSize(1); // nothing was issued
    }

    @Test
    void aWorkspaceAdminCannotListAMembersKeys() {
        Team t = Team.create(g);
        assertThat(g.call("GET", keys(t.bob()), t.adaKey(), null).status()).isEqualTo(403);
    }

    @Test
    void aWorkspaceAdminCannotChangeAMembersKey() {
        Team t = Team.create(g);
        assertThat(g.call("PATCH", "/api/v1/keys/" + t.bobKeyId(), t.adaKey(), "{\"name\":\"x\"}").status()).isEqualTo(403);
        assertThat(g.call("GET", keys(t.bob()), ADMIN, null).json().at("/data/0/name").asText()).isEqualTo("bob");
    }

    @Test
    void aWorkspaceAdminCannotRevokeAMembersKey() {
        Team t = Team.create(g);
        assertThat(g.call("DELETE", "/api/v1/keys/" + t.bobKeyId(), t.adaKey(), null).status()).isEqualTo(403);
        assertThat(g.call("GET", "/api/v1/users/me/keys", t.bobKey(), null).status()).isEqualTo(200);
    }

    @Test
    void aMemberSeesAnotherUsersKeysAsAbsent() {
        Team t = Team.create(g);
        Team other = Team.create(g);
        assertThat(g.call("GET", keys(t.ada()), t.bobKey(), null).status()).isEqualTo(404);
        assertThat(g.call("POST", keys(t.ada()), t.bobKey(), "{\"name\":\"steal\"}").status()).isEqualTo(404);
        assertThat(g.call("PATCH", "/api/v1/keys/" + t.adaKeyId(), t.bobKey(), "{\"name\":\"x\"}").status()).isEqualTo(404);
        assertThat(g.call("GET", keys(t.bob()), other.adaKey(), null).status()).isEqualTo(404); // another workspace's admin
    }

    @Test
    void theAdminTokenAndTheUserListAndIssueTheUsersKeys() {
        Team t = Team.create(g);
        Response byAdmin = g.call("GET", keys(t.bob()), ADMIN, null);
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().at("/data/0/id").asText()).isEqualTo(t.bobKeyId());
        assertThat(byAdmin.body()).doesNotContain(t.bobKey());
        assertThat(g.call("GET", keys(t.bob()), t.bobKey(), null).json().get("data")).hasSize(1);
        assertThat(g.call("POST", keys(t.bob()), t.bobKey(), "{\"name\":\"mine\"}").status()).isEqualTo(201);
        assertThat(g.call("GET", "/api/v1/users/me/keys", t.bobKey(), null).json().get("data")).hasSize(2);
    }

    // --- 17.16: a key issued or changed with a key is never wider than that key

    /** A key of ada's with every limit: rpm 10, tpm 1000, $1, openai models, expiring in a day. */
    private String limitedKey(Team t, Instant expires) {
        Response r = g.call("POST", keys(t.ada()), ADMIN, "{\"name\":\"limited\",\"rpm\":10,\"tpm\":1000,"
                + "\"budget_usd\":1.0,\"models\":[\"openai/*\"],\"expires_at\":\"" + expires + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("key");
    }

    private void assertRefused(String token, String body, String field) {
        Response r = g.call("POST", "/api/v1/users/me/keys", token, body);
        assertThat(r.status()).as(body).isEqualTo(403);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("wider_than_issuer");
        assertThat(r.json().at("/error/message").asText()).startsWith("'" + field + "'");
    }

    private static Instant inADay() {
        return Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void aHigherRpmThanTheIssuersIsRefused() {
        assertRefused(limitedKey(Team.create(g), inADay()), "{\"name\":\"k\",\"rpm\":11}", "rpm");
    }

    @Test
    void aHigherTpmThanTheIssuersIsRefused() {
        assertRefused(limitedKey(Team.create(g), inADay()), "{\"name\":\"k\",\"tpm\":1001}", "tpm");
    }

    @Test
    void aHigherBudgetThanTheIssuersIsRefused() {
        assertRefused(limitedKey(Team.create(g), inADay()), "{\"name\":\"k\",\"budget_usd\":1.01}", "budget_usd");
    }

    @Test
    void modelsOutsideTheIssuersAreRefused() {
        String issuer = limitedKey(Team.create(g), inADay());
        assertRefused(issuer, "{\"name\":\"k\",\"models\":[\"openai/gpt-4o\",\"anthropic/claude-sonnet-4-5\"]}", "models");
        assertRefused(issuer, "{\"name\":\"k\",\"models\":[\"*\"]}", "models");
        assertRefused(issuer, "{\"name\":\"k\",\"models\":[\"auto\"]}", "models"); // a route may reach any provider
    }

    @Test
    void aLaterExpiryThanTheIssuersIsRefused() {
        Instant expires = inADay();
        assertRefused(limitedKey(Team.create(g), expires), "{\"name\":\"k\",\"expires_at\":\""
                + expires.plusSeconds(1) + "\"}", "expires_at");
    }

    @Test
    void aKeyIssuedWithoutLimitsByALimitedKeyGetsTheIssuersLimits() {
        Instant expires = inADay();
        Response r = g.call("POST", "/api/v1/users/me/keys", limitedKey(Team.create(g), expires), "{\"name\":\"child\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("rpm").asInt()).isEqualTo(10);
        assertThat(r.json().get("tpm").asInt()).isEqualTo(1000);
        assertThat(r.json().get("budget_usd").asDouble()).isEqualTo(1.0);
        assertThat(r.json().get("models")).singleElement().satisfies(m -> assertThat(m.asText()).isEqualTo("openai/*"));
        assertThat(Instant.parse(r.text("expires_at"))).isEqualTo(expires);
    }

    @Test
    void aNarrowerKeyIsIssuedAndAnUnlimitedIssuerAllowsAny() {
        Team t = Team.create(g);
        Response narrower = g.call("POST", "/api/v1/users/me/keys", limitedKey(t, inADay()),
                "{\"name\":\"n\",\"rpm\":5,\"models\":[\"openai/gpt-4o-mini\"]}");
        assertThat(narrower.status()).as(narrower.body()).isEqualTo(201);
        assertThat(narrower.json().get("rpm").asInt()).isEqualTo(5);
        Response wide = g.call("POST", "/api/v1/users/me/keys", t.adaKey(),
                "{\"name\":\"w\",\"rpm\":100000,\"models\":[\"*\"]}");
        assertThat(wide.status()).as(wide.body()).isEqualTo(201);
        assertThat(wide.json().get("expires_at").isNull()).isTrue();
    }

    @Test
    void aKeyCannotWidenItselfOrAnotherKeyByPatch() {
        Team t = Team.create(g);
        String limited = limitedKey(t, inADay());
        String limitedId = g.call("GET", "/api/v1/users/me/keys", limited, null).json().findValuesAsText("id").stream()
                .filter(id -> !id.equals(t.adaKeyId())).findFirst().orElseThrow();
        for (String body : new String[] {"{\"rpm\":100}", "{\"rpm\":null}", "{\"models\":[]}", "{\"expires_at\":null}",
                "{\"budget_usd\":5}"}) {
            Response r = g.call("PATCH", "/api/v1/keys/" + limitedId, limited, body);
            assertThat(r.status()).as(body).isEqualTo(403);
            assertThat(r.json().at("/error/code").asText()).isEqualTo("wider_than_issuer");
        }
        Response other = g.call("PATCH", "/api/v1/keys/" + t.adaKeyId(), limited, "{\"tpm\":5000}");
        assertThat(other.status()).isEqualTo(403);
        // Narrowing and renaming are fine, and the unlimited key stays as it was in what was not named.
        assertThat(g.call("PATCH", "/api/v1/keys/" + t.adaKeyId(), limited, "{\"name\":\"renamed\",\"rpm\":3}").status())
                .isEqualTo(200);
        Response ada = g.call("GET", keys(t.ada()), ADMIN, null);
        assertThat(ada.json().at("/data/0/name").asText()).isEqualTo("renamed");
        assertThat(ada.json().at("/data/0/tpm").isNull()).isTrue();
    }

    // --- keys: change, expiry, cap

    @Test
    void aChangedKeyAppliesAtOnce() {
        Team t = Team.create(g).withOpenAiKey(g, OPENAI_KEY);
        assertThat(g.chat(t.bobKey(), null).status()).isEqualTo(200);
        Response changed = g.call("PATCH", "/api/v1/keys/" + t.bobKeyId(), t.bobKey(),
                "{\"models\":[\"openai/gpt-4o\"],\"rpm\":7}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("rpm").asInt()).isEqualTo(7);
        assertThat(changed.json().get("models").get(0).asText()).isEqualTo("openai/gpt-4o");
        Response refused = g.chat(t.bobKey(), null); // openai/gpt-4o-mini
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("model_not_allowed");
        // The admin token lifts it again.
        assertThat(g.call("PATCH", "/api/v1/keys/" + t.bobKeyId(), ADMIN, "{\"models\":null}").status()).isEqualTo(200);
        assertThat(g.chat(t.bobKey(), null).status()).isEqualTo(200);
    }

    @Test
    void expiresAtMustBeAFutureRfc3339Time() {
        Team t = Team.create(g);
        Response past = g.call("POST", keys(t.bob()), ADMIN, "{\"name\":\"k\",\"expires_at\":\"2020-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.json().at("/error/code").asText()).isEqualTo("invalid_expiry");
        assertThat(g.call("POST", keys(t.bob()), ADMIN, "{\"name\":\"k\",\"expires_at\":\"tomorrow\"}").status())
                .isEqualTo(400);
        assertThat(g.call("PATCH", "/api/v1/keys/" + t.bobKeyId(), ADMIN, "{\"expires_at\":\"2020-01-01T00:00:00Z\"}")
                .status()).isEqualTo(422);
    }

    @Test
    void aUserHasAtMostAHundredLiveKeys() {
        Team t = Team.create(g);
        for (int i = 1; i < 100; i++) { // bob has one already
            assertThat(g.call("POST", keys(t.bob()), ADMIN, "{\"name\":\"k" + i + "\"}").status()).isEqualTo(201);
        }
        Response refused = g.call("POST", keys(t.bob()), t.bobKey(), "{\"name\":\"k100\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("too_many_keys");
        assertThat(refused.json().at("/error/message").asText()).contains("100 live keys");
        assertThat(g.call("POST", keys(t.bob()), ADMIN, "{\"name\":\"k100\"}").status()).isEqualTo(409);
        assertThat(g.call("POST", keys(t.ada()), ADMIN, "{\"name\":\"other-user\"}").status()).isEqualTo(201);
    }
}
