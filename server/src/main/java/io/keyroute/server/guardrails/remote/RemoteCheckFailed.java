package io.keyroute.server.guardrails.remote;

/**
 * A remote checker gave no usable answer: unreachable, too slow, an error status or a body that is
 * not its protocol's. The guardrail step then does what its {@code on_error} says. The message
 * names the checker and what went wrong, never the text that was checked nor the checker's reply.
 */
public final class RemoteCheckFailed extends RuntimeException {
    public RemoteCheckFailed(String message) {
        super(message);
    }

    public RemoteCheckFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
