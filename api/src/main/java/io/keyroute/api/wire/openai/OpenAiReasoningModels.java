package io.keyroute.api.wire.openai;

/**
 * Which OpenAI models take {@code reasoning_effort}, by name, as {@code GeminiThinking} tells Gemini's
 * generations apart: the o-series from o1 on (not {@code o1-mini} or {@code o1-preview}, which refuse
 * it) and GPT-5 and later (not the {@code gpt-5-chat} models, which do not reason). Any other model
 * (GPT-4.x, an OpenAI-compatible server's own) refuses the field or ignores it, so a thinking budget,
 * which the caller did not name in OpenAI's terms, is sent only to these. A vendor prefix
 * ({@code openai/o3} at a router) is read past.
 */
final class OpenAiReasoningModels {
    private OpenAiReasoningModels() {
    }

    static boolean reasons(String model) {
        String name = model == null ? "" : model.substring(model.lastIndexOf('/') + 1);
        if (name.startsWith("o1-mini") || name.startsWith("o1-preview")) {
            return false;
        }
        if (name.length() >= 2 && name.charAt(0) == 'o' && Character.isDigit(name.charAt(1))) {
            return true;
        }
        if (!name.startsWith("gpt-") || name.contains("-chat")) {
            return false;
        }
        int end = "gpt-".length();
        while (end < name.length() && Character.isDigit(name.charAt(end))) {
            end++;
        }
        String major = name.substring("gpt-".length(), end);
        return major.length() > 1 || !major.isEmpty() && major.charAt(0) >= '5';
    }
}
