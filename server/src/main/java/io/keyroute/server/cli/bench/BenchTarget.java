package io.keyroute.server.cli.bench;

import io.keyroute.catalog.Target;

/** A provider to measure and the model it is measured with. */
public record BenchTarget(String provider, Target model) {
}
