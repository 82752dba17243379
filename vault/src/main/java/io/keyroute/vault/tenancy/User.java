package io.keyroute.vault.tenancy;

import java.time.Instant;

public record User(String id, String workspaceId, String email, Role role, Instant createdAt) {
}
