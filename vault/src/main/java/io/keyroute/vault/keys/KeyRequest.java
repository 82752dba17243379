package io.keyroute.vault.keys;

import java.util.List;

/** What a caller asks for when issuing a key; limits are stored for the usage module to enforce. */
public record KeyRequest(String name, Integer rpm, Integer tpm, Double budgetUsd, List<String> models) {
    public KeyRequest {
        models = models == null ? List.of() : List.copyOf(models);
    }
}
