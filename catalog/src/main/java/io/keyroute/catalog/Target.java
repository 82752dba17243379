package io.keyroute.catalog;

/** One model at one provider: {@code providerId/upstreamModel}. */
public record Target(String providerId, String upstreamModel) {

    /** Splits {@code provider/model}; the model part may itself contain slashes. */
    public static Target parse(String qualified) {
        int slash = qualified.indexOf('/');
        if (slash <= 0 || slash == qualified.length() - 1) {
            throw new IllegalArgumentException("not provider/model: " + qualified);
        }
        return new Target(qualified.substring(0, slash), qualified.substring(slash + 1));
    }

    public String qualified() {
        return providerId + "/" + upstreamModel;
    }
}
