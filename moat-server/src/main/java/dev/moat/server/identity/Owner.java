package dev.moat.server.identity;

import java.util.List;

/**
 * A declared beneficial owner of an organisation.
 *
 * @param type {@code person} or {@code organization}
 * @param sharePercent the share owned, 0–100
 * @param owners for an owning organisation, its own declared owners (the intermediate chain of the
 *               50 % rule); empty for persons
 */
public record Owner(String name, String type, String country, double sharePercent, List<Owner> owners) {

    public Owner {
        owners = owners == null ? List.of() : List.copyOf(owners);
    }
}
