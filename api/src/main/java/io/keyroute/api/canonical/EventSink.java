package io.keyroute.api.canonical;

/** Receives server-sent events a stream writer produces; {@code event} is null for data-only formats. */
@FunctionalInterface
public interface EventSink {
    void emit(String event, String data);
}
