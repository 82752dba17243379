package io.keyroute.vault.tenancy;

import java.time.Instant;

public record Workspace(String id, String name, String plan, Instant createdAt) {
}
