package io.keyroute.server.alerts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Keyroute-Signature} header, Stripe's scheme: {@code t=<unix seconds>,v1=<hex>}, where
 * the hex is HMAC-SHA256 of {@code "<t>.<body>"} under the webhook's secret. A receiver recomputes
 * it over the raw body and refuses a {@code t} too far from its clock, so a captured delivery cannot
 * be replayed later.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Keyroute-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
