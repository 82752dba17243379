package io.keyroute.server.management;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.keyroute.api.error.ClientError;
import io.keyroute.api.error.ErrorType;
import io.keyroute.api.error.GatewayError;
import io.keyroute.server.http.exchange.ErrorResponses;
import io.keyroute.vault.crypto.VaultCryptoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wraps a management handler so that every failure answers in the management error shape. */
final class ManagementCall {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementCall.class);

    private ManagementCall() {
    }

    static Handler of(Handler handler) {
        return (ServerRequest req, ServerResponse res) -> {
            try {
                handler.handle(req, res);
            } catch (GatewayError e) {
                ErrorResponses.sendManagement(res, e);
            } catch (VaultCryptoException e) {
                LOG.error("a stored credential cannot be decrypted: {}", e.getMessage());
                ErrorResponses.sendManagement(res, new ClientError(ErrorType.INTERNAL, "credential_unreadable",
                        "The stored credential cannot be decrypted (is the right master key loaded?).", null));
            }
        };
    }
}
