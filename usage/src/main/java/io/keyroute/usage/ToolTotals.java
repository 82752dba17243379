package io.keyroute.usage;

/**
 * One tool's calls over a time range: how many, how many did not end {@code ok}, and their nearest-rank median
 * latency (a latency that occurred).
 */
public record ToolTotals(String serverId, String tool, long calls, long errors, long p50Ms) {
}
