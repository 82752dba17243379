package io.keyroute.benchmarks;

import java.nio.charset.StandardCharsets;

/** Realistic payloads for the benchmarks: a chat request, its answer, and its stream. */
public final class Samples {
    private Samples() {
    }

    /** A four-turn conversation with a system prompt and a tool, as an SDK sends it. */
    public static final byte[] CHAT_REQUEST = ("""
            {"model":"openai/gpt-4o-mini","temperature":0.2,"max_tokens":512,"user":"u-42",
             "messages":[
              {"role":"system","content":"You are a concise assistant for a travel agency. Answer in two sentences."},
              {"role":"user","content":"I want to visit Lisbon in March. What is the weather like?"},
              {"role":"assistant","content":"Lisbon in March is mild, usually 10 to 18 degrees, with some rain."},
              {"role":"user","content":"Great. Which neighbourhoods should I stay in for food and nightlife?"}],
             "tools":[{"type":"function","function":{"name":"search_hotels","description":"Find hotels",
               "parameters":{"type":"object","properties":{"city":{"type":"string"},"area":{"type":"string"}},
               "required":["city"]}}}]}
            """).getBytes(StandardCharsets.UTF_8);

    /** {@link #CHAT_REQUEST}'s conversation as an SDK sends it to the Responses API ({@code POST /v1/responses}). */
    static final byte[] RESPONSES_REQUEST = ("""
            {"model":"openai/gpt-4o-mini","temperature":0.2,"max_output_tokens":512,"user":"u-42",
             "instructions":"You are a concise assistant for a travel agency. Answer in two sentences.",
             "input":[
              {"type":"message","role":"user","content":[{"type":"input_text","text":"I want to visit Lisbon in March. What is the weather like?"}]},
              {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Lisbon in March is mild, usually 10 to 18 degrees, with some rain."}]},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"Great. Which neighbourhoods should I stay in for food and nightlife?"}]}],
             "tools":[{"type":"function","name":"search_hotels","description":"Find hotels",
               "parameters":{"type":"object","properties":{"city":{"type":"string"},"area":{"type":"string"}},
               "required":["city"]}}]}
            """).getBytes(StandardCharsets.UTF_8);

    static final byte[] CHAT_ANSWER = ("""
            {"id":"chatcmpl-BQ2ezQ7Nh3pW4kLk","object":"chat.completion","created":1745000000,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Stay in Bairro Alto or Príncipe Real for food and nightlife; Alfama is quieter and charming.","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":96,"completion_tokens":24,"total_tokens":120,
              "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
              "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
             "service_tier":"default","system_fingerprint":"fp_7d2f3a9b1c"}
            """).getBytes(StandardCharsets.UTF_8);

    /** Events in a streamed answer: role chunk, content words, finish chunk, usage chunk, [DONE]. */
    static final int STREAM_EVENTS = 44;

    static final byte[] CHAT_STREAM = stream();

    private static byte[] stream() {
        String head = "{\"id\":\"chatcmpl-BQ2ezQ7Nh3pW4kLk\",\"object\":\"chat.completion.chunk\",\"created\":1745000000,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_7d2f3a9b1c\",";
        var sb = new StringBuilder();
        sb.append("data: ").append(head).append("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
                + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        for (int i = 0; i < STREAM_EVENTS - 4; i++) {
            sb.append("data: ").append(head).append("\"choices\":[{\"index\":0,\"delta\":{\"content\":\" word").append(i)
                    .append("\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        }
        sb.append("data: ").append(head).append("\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}],\"usage\":null}\n\n");
        sb.append("data: ").append(head).append("\"choices\":[],\"usage\":{\"prompt_tokens\":96,\"completion_tokens\":40,"
                + "\"total_tokens\":136,\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":"
                + "{\"reasoning_tokens\":0}}}\n\n");
        sb.append("data: [DONE]\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same answer as Anthropic's Messages API gives it. */
    static final byte[] ANTHROPIC_ANSWER = ("""
            {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001",
             "content":[{"type":"text","text":"Stay in Bairro Alto or Príncipe Real for food and nightlife; Alfama is quieter and charming."}],
             "stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":96,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":24,
              "service_tier":"standard"}}
            """).getBytes(StandardCharsets.UTF_8);

    /** The same answer as Gemini's generateContent gives it. */
    static final byte[] GEMINI_ANSWER = ("""
            {"candidates":[{"content":{"parts":[{"text":"Stay in Bairro Alto or Príncipe Real for food and nightlife; Alfama is quieter and charming."}],"role":"model"},
              "finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":96,"candidatesTokenCount":24,"totalTokenCount":120,
              "promptTokensDetails":[{"modality":"TEXT","tokenCount":96}]},
             "modelVersion":"gemini-2.5-flash","responseId":"kPuZaJnIB5W0nvgPqfKe2Qo"}
            """).getBytes(StandardCharsets.UTF_8);
}
