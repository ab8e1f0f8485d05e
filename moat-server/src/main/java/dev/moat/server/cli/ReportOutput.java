package dev.moat.server.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Where the JSON report of {@code moat analyze} and {@code moat trace} goes: standard output, or {@code --out FILE}. */
final class ReportOutput {

    private ReportOutput() {
    }

    /** Writes the report with {@code writer} to {@code out}, or to standard output (with a final newline) when null. */
    static void write(Path out, Consumer<OutputStream> writer) throws IOException {
        if (out == null) {
            writer.accept(System.out);
            System.out.println();
            return;
        }
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out))) {
            writer.accept(file);
        }
    }
}
