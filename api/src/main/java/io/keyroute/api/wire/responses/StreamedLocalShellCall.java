package io.keyroute.api.wire.responses;

/**
 * A {@code local_shell_call} item, the call of {@code local_shell} offered to the provider as a
 * function ({@link ClientTools}): its action is made of the whole arguments, so the item is announced
 * (output_item.added) and done together once they are in; the spec has no delta event for it.
 * Shape: {@link OutputItem}.
 */
final class StreamedLocalShellCall extends StreamedItem {

    StreamedLocalShellCall(String callId, int outputIndex) {
        super(callId, outputIndex);
    }

    @Override
    protected boolean announcedWhenDone() {
        return true;
    }

    @Override
    protected OutputItem added() {
        return done("in_progress");
    }

    @Override
    protected OutputItem done(String status) {
        return new OutputItem.LocalShellCall(id, status, ClientTools.shellAction(text.toString()));
    }
}
