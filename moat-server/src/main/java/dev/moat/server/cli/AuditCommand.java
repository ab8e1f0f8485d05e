package dev.moat.server.cli;

import dev.moat.audit.AuditException;
import dev.moat.audit.DirectoryLogSource;
import dev.moat.audit.HttpLogSource;
import dev.moat.audit.LogSource;
import dev.moat.audit.LogVerifier;
import dev.moat.audit.NoteVerifier;
import dev.moat.audit.VerifiedCheckpoint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code moat audit}: the transparency log, from an auditor's side. */
@Command(name = "audit", description = "Work with Moat's transparency log.", subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "verify", description = "Verify the transparency log: recompute the tree from its entries, check the "
            + "checkpoint's root and signature, and with --state prove it is consistent with the last checkpoint verified. "
            + "Exit code 1 and a message naming the problem on any inconsistency.")
    static final class Verify implements Callable<Integer> {

        @Option(names = "--url", paramLabel = "URL",
                description = "Verify over HTTP: base URL of Moat's admin listener (or wherever /audit/… is published).")
        URI url;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Verify the log on disk: Moat's data_dir (or its audit/ directory).")
        Path dataDir;

        @Option(names = "--key", paramLabel = "VKEY", description = "The log's verifier key (name+keyid+base64) as the operator "
                + "published it. Required with --url; with --data-dir the directory's own key is used when omitted.")
        String key;

        @Option(names = "--state", paramLabel = "FILE",
                description = "Remember the verified checkpoint here; later runs refuse a rollback or a fork.")
        Path state;

        @Override
        public Integer call() {
            try {
                if ((url == null) == (dataDir == null)) {
                    throw new IllegalArgumentException("give exactly one of --url URL --key VKEY, or --data-dir DIR");
                }
                LogSource logSource;
                NoteVerifier trusted;
                if (url != null) {
                    if (key == null) {
                        throw new IllegalArgumentException("--url needs --key: the verifier key the operator published (GET /audit/key)");
                    }
                    logSource = new HttpLogSource(url);
                    trusted = NoteVerifier.parse(key);
                } else {
                    Path directory = Files.exists(dataDir.resolve("audit").resolve("checkpoint")) ? dataDir.resolve("audit") : dataDir;
                    DirectoryLogSource local = new DirectoryLogSource(directory);
                    logSource = local;
                    trusted = key != null ? NoteVerifier.parse(key) : local.localVerifierKey().orElseThrow(() ->
                            new IllegalArgumentException("no signing key file in " + directory + "; pass the published key with --key"));
                }
                VerifiedCheckpoint verified = new LogVerifier(logSource, trusted).verify(Optional.ofNullable(state));
                System.out.println(verified.summary());
                return 0;
            } catch (AuditException | IllegalArgumentException e) {
                System.err.println("moat audit verify: FAILED: " + e.getMessage());
                return 1;
            }
        }
    }
}
