package dev.moat.server.identity;

/**
 * A declared beneficial owner of an organisation.
 *
 * @param type {@code person} or {@code organization}
 * @param sharePercent the share owned, 0–100
 */
public record Owner(String name, String type, String country, double sharePercent) {
}
