package io.keyroute.api.wire;

import io.keyroute.api.error.ClientError;

/**
 * The rule every model name a caller sends must meet before anything else reads it: at most
 * {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 . _ : / @ + -}. A name becomes a log
 * field, a stored row, a header and (for some providers) part of an upstream URL; this keeps all
 * of those small and free of characters with a meaning there ({@code ?}, {@code #}, {@code %},
 * spaces, quotes, control characters).
 */
public final class ModelName {
    public static final int MAX_LENGTH = 256;

    private ModelName() {
    }

    /**
     * {@code model} itself when it meets the rule.
     *
     * @throws ClientError 400 {@code invalid_model}; the message never quotes the name (it may be huge or a pasted key)
     */
    public static String checked(String model) {
        if (model.length() > MAX_LENGTH) {
            throw ClientError.invalidModel("it is " + model.length() + " characters long, more than " + MAX_LENGTH);
        }
        for (int i = 0; i < model.length(); i++) {
            if (!allowed(model.charAt(i))) {
                throw ClientError.invalidModel("character " + (i + 1) + " is not one of A-Z a-z 0-9 . _ : / @ + -");
            }
        }
        return model;
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '/' || c == '@' || c == '+' || c == '-';
    }
}
