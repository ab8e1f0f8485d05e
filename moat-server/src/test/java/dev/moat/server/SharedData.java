package dev.moat.server;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's reference data in ../shared/data (the {@code moat.shared.data} system property). */
final class SharedData {

    private SharedData() {
    }

    static Path dir() {
        String configured = System.getProperty("moat.shared.data");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("..", "shared", "data");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("reference data not found at " + dir.toAbsolutePath()
                    + " (set -Dmoat.shared.data=DIR to the shared/data directory)");
        }
        return dir.toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        return dir().resolve(relative);
    }
}
