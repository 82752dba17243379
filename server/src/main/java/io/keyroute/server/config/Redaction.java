package io.keyroute.server.config;

import io.keyroute.api.Secrets;
import java.util.regex.Pattern;

/** How config values that may hold secrets appear in {@code toString()}: a logged config leaks nothing. */
final class Redaction {
    /** {@code scheme://user:password@host} and {@code password=…}-style query parameters. */
    private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/@?#]*@");
    private static final Pattern SECRET_PARAM =
            Pattern.compile("(?i)((?:password|passwd|pwd|secret|token|key|api_key|apikey)=)[^&;]*");

    private Redaction() {
    }

    static String url(String url) {
        if (url == null) {
            return null;
        }
        String withoutUser = USER_INFO.matcher(url).replaceAll("***@");
        return SECRET_PARAM.matcher(withoutUser).replaceAll("$1***");
    }

    static String key(String key) {
        return key == null ? null : Secrets.mask(key);
    }
}
