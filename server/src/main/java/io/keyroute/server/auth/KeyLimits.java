package io.keyroute.server.auth;

/**
 * A Keyroute key's own limits, each null when unset.
 *
 * @param rpm          requests per minute
 * @param tpm          tokens (prompt + completion) per minute
 * @param budgetMicros spending limit in micro-dollars
 */
public record KeyLimits(Integer rpm, Integer tpm, Long budgetMicros) {
    public static final KeyLimits NONE = new KeyLimits(null, null, null);
}
