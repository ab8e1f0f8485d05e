package dev.moat.screening;

import java.util.List;

/**
 * The entries read from a set of list files, and the report of what was read and skipped.
 *
 * @param entities every entry, in file order
 * @param report   files read and rows skipped
 */
public record LoadedLists(List<ListedEntity> entities, LoadReport report) {

    public LoadedLists {
        entities = List.copyOf(entities);
    }
}
