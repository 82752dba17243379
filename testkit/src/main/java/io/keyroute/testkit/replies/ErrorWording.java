package io.keyroute.testkit.replies;

/**
 * OpenAI's error wording that a scripted {@link Reply#error} defaults to: type and code per status,
 * and the model-not-found message (which the OpenAI fake also sends for an unknown model).
 */
public final class ErrorWording {

    private ErrorWording() {
    }

    static String defaultType(int status) {
        if (status == 429) {
            return "requests";
        }
        return status >= 500 ? "server_error" : "invalid_request_error";
    }

    static String defaultCode(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 404 -> "model_not_found";
            case 429 -> "rate_limit_exceeded";
            default -> null;
        };
    }

    /** OpenAI's 404 message for a model that does not exist or that the key may not use. */
    public static String modelNotFound(String model) {
        return "The model `" + model + "` does not exist or you do not have access to it.";
    }
}
