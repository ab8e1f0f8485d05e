package dev.moat.server.cli;

import dev.moat.screening.LoadReport;
import dev.moat.screening.ScreeningIndex;
import dev.moat.screening.ScreeningSettings;
import dev.moat.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code moat lists}: the restricted-party lists Moat screens against. */
@Command(name = "lists", description = "Manage the restricted-party lists.", subcommands = ListsCommand.Update.class)
final class ListsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "update", description = "Check new list files and install them into the lists directory; a running "
            + "server notices within a minute (or at once with POST /admin/v1/lists/reload) and screens every organisation again.")
    static final class Update implements Callable<Integer> {

        @Option(names = "--from", required = true, paramLabel = "DIR", description = "Directory with the new list files.")
        Path from;

        @Option(names = "--to", paramLabel = "DIR", description = "The lists directory (default: the first directory in screening.lists of ./moat.yaml).")
        Path to;

        @Override
        public Integer call() throws IOException {
            Path target = to != null ? to : configuredDirectory();
            LoadReport report = ScreeningIndex.load(List.of(from), ScreeningSettings.DEFAULTS).loadReport();
            System.err.printf("moat lists update: %s holds %d entities in %d files (%d malformed rows skipped)%n",
                    from, report.entities(), report.files().size(), report.problems().size());
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path temporary = target.resolve("." + file.getFileName() + ".new");
                    Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temporary, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
            System.out.printf("installed into %s; a running Moat reloads within a minute and screens every organisation again%n", target);
            return 0;
        }

        private static Path configuredDirectory() {
            Path config = Path.of("moat.yaml");
            Optional<Path> directory = Files.exists(config)
                    ? ConfigLoader.load(Optional.of(config), System.getenv()).screening().lists().stream().filter(Files::isDirectory).findFirst()
                    : Optional.empty();
            return directory.orElseThrow(() -> new IllegalArgumentException(
                    "no lists directory: pass --to DIR, or list a directory under screening.lists in ./moat.yaml"));
        }
    }
}
