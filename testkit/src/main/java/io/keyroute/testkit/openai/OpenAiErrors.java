package io.keyroute.testkit.openai;

import io.keyroute.testkit.replies.ErrorWording;

/** OpenAI's error vocabulary: the exact messages it sends (a reply's defaults are in {@link ErrorWording}). */
final class OpenAiErrors {

    static final String MISSING_KEY = "You didn't provide an API key. You need to provide your API key in an "
            + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password "
            + "field (with blank username) if you're accessing the API from your browser and are prompted for a "
            + "username. You can obtain an API key from https://platform.openai.com/account/api-keys.";

    static final String INVALID_JSON = "We could not parse the JSON body of your request. (HINT: This likely "
            + "means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what "
            + "was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us "
            + "through our help center at help.openai.com.)";

    static final String MISSING_MODEL = "you must provide a model parameter";

    private OpenAiErrors() {
    }

    static String incorrectKey(String key) {
        return "Incorrect API key provided: " + mask(key)
                + ". You can find your API key at https://platform.openai.com/account/api-keys.";
    }

    static String incorrectKeyEchoed(String key) {
        return "Incorrect API key provided: " + key + ".";
    }

    static String missingParameter(String name) {
        return "Missing required parameter: '" + name + "'.";
    }

    static String invalidUrl(String method, String path) {
        return "Invalid URL (" + method + " " + path + ")";
    }

    /** OpenAI shows the key's start and its last four characters: "sk-abc***********wxyz". */
    static String mask(String key) {
        if (key.length() <= 8) {
            return "*".repeat(key.length());
        }
        int head = Math.min(6, key.length() - 4);
        return key.substring(0, head) + "*".repeat(key.length() - head - 4) + key.substring(key.length() - 4);
    }
}
