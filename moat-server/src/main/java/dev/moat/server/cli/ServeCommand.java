package dev.moat.server.cli;

import dev.moat.server.MoatServer;
import dev.moat.server.config.ConfigLoader;
import dev.moat.server.config.MoatConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code moat serve}: runs the gateway and admin listeners until stopped. */
@Command(name = "serve", description = "Run the gateway and admin listeners until stopped (Ctrl-C or SIGTERM).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: ./moat.yaml if it exists). Every key can also be set as a MOAT_… environment variable.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        Optional<Path> file = Optional.ofNullable(config);
        if (file.isEmpty() && Files.exists(Path.of("moat.yaml"))) {
            file = Optional.of(Path.of("moat.yaml"));
        }
        MoatConfig settings = ConfigLoader.load(file, System.getenv());
        MoatServer server = new MoatServer(settings, System.getenv()).start();
        System.err.printf("moat: gateway on %s:%d, admin on %s:%d, data in %s%n", settings.gatewayListen().host(),
                server.gatewayPort(), settings.adminListen().host(), server.adminPort(), settings.dataDir().toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "moat-shutdown"));
        stopped.await();
        return 0;
    }
}
