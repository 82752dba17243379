package io.keyroute.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyroute.server.it.VaultGateway.Response;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A workspace with a workspace admin (ada) and a member (bob), each with a key the admin token
 * issued; names are unique per gateway, so tests can share one.
 */
record Team(String ws, String ada, String adaKey, String adaKeyId, String bob, String bobKey, String bobKeyId) {
    private static final AtomicInteger NEXT = new AtomicInteger();
    static final String ADMIN = VaultGateway.ADMIN_TOKEN;

    static Team create(VaultGateway g) {
        int n = NEXT.incrementAndGet();
        Response ws = g.call("POST", "/api/v1/workspaces", ADMIN, "{\"name\":\"team-" + n + "\",\"plan\":\"pro\"}");
        assertThat(ws.status()).as(ws.body()).isEqualTo(201);
        String ada = user(g, ws.text("id"), "ada" + n, "admin");
        String bob = user(g, ws.text("id"), "bob" + n, "member");
        Response adaKey = g.call("POST", "/api/v1/users/" + ada + "/keys", ADMIN, "{\"name\":\"ada\"}");
        Response bobKey = g.call("POST", "/api/v1/users/" + bob + "/keys", ADMIN, "{\"name\":\"bob\"}");
        return new Team(ws.text("id"), ada, adaKey.text("key"), adaKey.text("id"), bob, bobKey.text("key"),
                bobKey.text("id"));
    }

    /** A workspace credential for openai, stored by the workspace admin: every member's requests use it. */
    Team withOpenAiKey(VaultGateway g, String apiKey) {
        Response stored = g.call("POST", "/api/v1/workspaces/" + ws + "/llm-credentials", adaKey,
                "{\"provider\":\"openai\",\"api_key\":\"" + apiKey + "\"}");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        return this;
    }

    private static String user(VaultGateway g, String ws, String name, String role) {
        Response user = g.call("POST", "/api/v1/workspaces/" + ws + "/users", ADMIN,
                "{\"email\":\"" + name + "@example.com\",\"role\":\"" + role + "\"}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        return user.text("id");
    }
}
