package dev.moat.server.vetting;

import dev.moat.screening.ScreeningIndex;
import dev.moat.screening.ScreeningSettings;
import dev.moat.server.admin.OrgService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the restricted-party list files change (new, removed, or rewritten files under
 * {@code screening.lists}), loads them into a new index, swaps it in, and screens every organisation
 * again. A list that fails to load keeps the old index in use, and says why.
 */
public final class ListWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ListWatcher.class);

    private final List<Path> paths;
    private final ListScreening screening;
    private final OrgService orgs;
    private final Consumer<OrgService.Rescreened> onChange;
    private volatile String fingerprint;

    public ListWatcher(List<Path> paths, ListScreening screening, OrgService orgs, Consumer<OrgService.Rescreened> onChange) {
        this.paths = List.copyOf(paths);
        this.screening = screening;
        this.orgs = orgs;
        this.onChange = onChange;
        this.fingerprint = fingerprint();
    }

    /** What a reload did. */
    public record Outcome(boolean reloaded, int entities, int screened, int statusChanges, long millis, String message) {
    }

    /** Reloads if a file changed since the last load (or always, with {@code force}). Blocking. */
    public synchronized Outcome check(boolean force) {
        String now = fingerprint();
        if (!force && now.equals(fingerprint)) {
            return new Outcome(false, screening.index().loadReport().entities(), 0, 0, 0, "lists unchanged");
        }
        long start = System.nanoTime();
        ScreeningIndex index;
        try {
            index = ScreeningIndex.load(paths, ScreeningSettings.DEFAULTS);
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("reason", e.getMessage()).log("changed lists could not be loaded; keeping the previous lists");
            fingerprint = now;
            return new Outcome(false, screening.index().loadReport().entities(), 0, 0, 0,
                    "the changed lists could not be loaded, the previous ones stay in use: " + e.getMessage());
        }
        long loaded = System.nanoTime();
        screening.replace(index);
        fingerprint = now;
        List<OrgService.Rescreened> results = orgs.rescreenAll("list-update");
        int changes = 0;
        for (OrgService.Rescreened result : results) {
            if (result.statusChanged() || !result.result().report().path("matches").isEmpty()) {
                onChange.accept(result);
            }
            if (result.statusChanged()) {
                changes++;
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.atInfo().addKeyValue("entities", index.loadReport().entities()).addKeyValue("organisations", results.size())
                .addKeyValue("status_changes", changes).addKeyValue("load_ms", (loaded - start) / 1_000_000)
                .addKeyValue("total_ms", millis).log("lists reloaded and organisations screened again");
        return new Outcome(true, index.loadReport().entities(), results.size(), changes, millis, "lists reloaded");
    }

    /** Paths, sizes and modification times of every list file: changes when any file does. */
    private String fingerprint() {
        List<String> parts = new ArrayList<>();
        for (Path path : paths) {
            try (Stream<Path> files = Files.isDirectory(path) ? Files.walk(path, 4) : Stream.of(path)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    parts.add(file + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis());
                }
            } catch (IOException e) {
                parts.add(path + ":unreadable");
            } catch (UncheckedIOException e) {
                parts.add(path + ":unreadable");
            }
        }
        return Integer.toHexString(Objects.hash(parts.toArray()));
    }
}
