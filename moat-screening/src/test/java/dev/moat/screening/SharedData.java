package dev.moat.screening;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's read-only reference data lives (see the moat.shared.data system property). */
final class SharedData {

    private SharedData() {
    }

    static Path root() {
        String configured = System.getProperty("moat.shared.data");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
        if (!Files.isDirectory(root)) {
            root = Path.of("../shared/data");
        }
        return root.toAbsolutePath().normalize();
    }

    static Path sanctions(String relative) {
        return root().resolve("sanctions").resolve(relative);
    }

    /** The full set of shared lists, loaded once per test JVM: indexing 10,000 entries takes a moment. */
    static ScreeningIndex allLists() {
        return AllLists.INDEX;
    }

    private static final class AllLists {
        static final ScreeningIndex INDEX = ScreeningIndex.load(java.util.List.of(root().resolve("sanctions")),
                ScreeningSettings.DEFAULTS);
    }
}
