package io.keyroute.server.management;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;

/**
 * The verbs of a kind of credential, the same for a user's own ({@code /users/me/<kind>}) and a
 * workspace's ({@code /workspaces/{ws}/<kind>}): create and list on the collection, read, update
 * and delete on {@code /{id}}, each answering failures in the management shape.
 */
record CredentialRoutes(Handler create, Handler list, Handler get, Handler update, Handler delete) {

    /** Registers the verbs under both of {@code collection}'s paths; returns those paths. */
    String[] register(HttpRules rules, String collection) {
        String[] bases = {"/users/me/" + collection, "/workspaces/{ws}/" + collection};
        for (String base : bases) {
            rules.post(base, ManagementCall.of(create))
                    .get(base, ManagementCall.of(list))
                    .get(base + "/{id}", ManagementCall.of(get))
                    .patch(base + "/{id}", ManagementCall.of(update))
                    .delete(base + "/{id}", ManagementCall.of(delete));
        }
        return bases;
    }
}
