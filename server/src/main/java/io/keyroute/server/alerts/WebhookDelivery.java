package io.keyroute.server.alerts;

import io.keyroute.server.config.KeyrouteConfig.WebhookSettings;

/** One alert on its way to one webhook: the body is fixed, each attempt signs it anew. */
record WebhookDelivery(Alert alert, WebhookSettings hook, String body, int attempt) {

    WebhookDelivery next() {
        return new WebhookDelivery(alert, hook, body, attempt + 1);
    }
}
