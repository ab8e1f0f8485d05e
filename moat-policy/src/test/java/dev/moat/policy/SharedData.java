package dev.moat.policy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's read-only reference data (../shared/data), as surefire passes it in. */
final class SharedData {

    private SharedData() {
    }

    static Path geo(String file) {
        String configured = System.getProperty("moat.shared.data");
        Path root = configured != null ? Path.of(configured) : Path.of("..").resolve("../shared/data").normalize();
        Path path = root.resolve("geo").resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("reference data file " + path + " is missing; set -Dmoat.shared.data to the shared/data folder");
        }
        return path;
    }
}
