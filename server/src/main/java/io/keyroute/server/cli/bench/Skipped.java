package io.keyroute.server.cli.bench;

/** A provider left out of the run, and why (printed and kept in the JSON). */
public record Skipped(String provider, String reason) {
}
