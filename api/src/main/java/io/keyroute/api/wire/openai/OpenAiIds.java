package io.keyroute.api.wire.openai;

/** Ids in OpenAI's shapes, derived from another provider's ids so one answer keeps one id. */
final class OpenAiIds {
    private OpenAiIds() {
    }

    static String completionId(String id) {
        if (id == null || id.isEmpty()) {
            return "chatcmpl-keyroute";
        }
        return id.startsWith("chatcmpl-") ? id : "chatcmpl-" + id;
    }
}
