package dev.moat.audit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's read-only reference data, located as surefire tells us or beside the project. */
final class SharedData {
    private SharedData() {
    }

    static Path root() {
        String configured = System.getProperty("moat.shared.data");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent().resolve("../shared/data");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("shared reference data not found at " + root
                    + " (set -Dmoat.shared.data=DIR)");
        }
        return root.normalize();
    }
}
