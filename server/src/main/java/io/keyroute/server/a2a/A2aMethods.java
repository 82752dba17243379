package io.keyroute.server.a2a;

import java.util.Map;

/**
 * The A2A JSON-RPC methods Keyroute knows by name: those of A2A 0.3 ({@code message/send}, …) and their A2A 1.0
 * spellings ({@code SendMessage}, …). Every method is forwarded; these names only label metrics and audit (any
 * other is {@code other}, so a caller cannot grow a metric's labels), and say which are push-notification
 * configuration, which Keyroute refuses: an agent would deliver task updates straight to a URL the caller chose,
 * past Keyroute's authentication and audit.
 */
final class A2aMethods {
    enum Kind { MESSAGE, TASK_READ, TASK_CANCEL, PUSH_CONFIG, CARD, OTHER }

    private static final Map<String, Kind> KNOWN = Map.ofEntries(
            Map.entry("message/send", Kind.MESSAGE),
            Map.entry("message/stream", Kind.MESSAGE),
            Map.entry("tasks/get", Kind.TASK_READ),
            Map.entry("tasks/list", Kind.TASK_READ),
            Map.entry("tasks/resubscribe", Kind.TASK_READ),
            Map.entry("tasks/cancel", Kind.TASK_CANCEL),
            Map.entry("tasks/pushNotificationConfig/set", Kind.PUSH_CONFIG),
            Map.entry("tasks/pushNotificationConfig/get", Kind.PUSH_CONFIG),
            Map.entry("tasks/pushNotificationConfig/list", Kind.PUSH_CONFIG),
            Map.entry("tasks/pushNotificationConfig/delete", Kind.PUSH_CONFIG),
            Map.entry("agent/getAuthenticatedExtendedCard", Kind.CARD),
            Map.entry("SendMessage", Kind.MESSAGE),
            Map.entry("SendStreamingMessage", Kind.MESSAGE),
            Map.entry("GetTask", Kind.TASK_READ),
            Map.entry("ListTasks", Kind.TASK_READ),
            Map.entry("SubscribeToTask", Kind.TASK_READ),
            Map.entry("CancelTask", Kind.TASK_CANCEL),
            Map.entry("CreateTaskPushNotificationConfig", Kind.PUSH_CONFIG),
            Map.entry("GetTaskPushNotificationConfig", Kind.PUSH_CONFIG),
            Map.entry("ListTaskPushNotificationConfigs", Kind.PUSH_CONFIG),
            Map.entry("DeleteTaskPushNotificationConfig", Kind.PUSH_CONFIG),
            Map.entry("GetExtendedAgentCard", Kind.CARD));

    private A2aMethods() {
    }

    static Kind kind(String method) {
        return method == null ? Kind.OTHER : KNOWN.getOrDefault(method, Kind.OTHER);
    }

    /** The method as a metric label: itself when known, else {@code other}; {@code none} before one was read. */
    static String label(String method) {
        if (method == null) {
            return "none";
        }
        return KNOWN.containsKey(method) ? method : "other";
    }
}
