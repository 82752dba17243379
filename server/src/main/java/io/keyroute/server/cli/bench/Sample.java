package io.keyroute.server.cli.bench;

/**
 * One measured request. Latency and TTFT are what the client saw (request sent → last byte, →
 * first streamed content); tokens and cost are the gateway's own accounting of the request.
 *
 * @param costMicros null when the catalog has no price for the model
 * @param errorCode  the gateway's error code for a failed request ({@code no_credential}, …), else null
 * @param error      the gateway's error message for a failed request, else null
 */
public record Sample(BenchTarget target, String prompt, int number, String requestId, int status, long latencyMicros,
                     long ttftMicros, long promptTokens, long completionTokens, Long costMicros, String errorCode,
                     String error) {

    public boolean ok() {
        return status == 200 && error == null;
    }
}
