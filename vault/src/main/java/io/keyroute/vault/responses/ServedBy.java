package io.keyroute.vault.responses;

/**
 * What answered a stored response, so a continuation can stay on it.
 *
 * @param credentialId the stored credential used, or null (a system default key)
 */
public record ServedBy(String provider, String model, String credentialId) {
}
