package dev.moat.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.moat.server.config.DurationText;
import dev.moat.server.demo.Demo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code moat demo}: everything embedded, with a stand-in model and simulated traffic. */
@Command(name = "demo", description = "Run Moat end to end on this machine: a local stand-in model, the gateway, "
        + "the admin API and simulated client traffic, printing what Moat decided.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--duration", defaultValue = "90s", paramLabel = "DURATION",
            description = "How long to drive traffic (e.g. 30s, 2m; default ${DEFAULT-VALUE}). Ctrl-C ends it early.")
    String duration;

    @Option(names = "--data-dir", defaultValue = "data/demo", paramLabel = "DIR",
            description = "Where the demo keeps its database; emptied at start (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        // The demo prints its own narrative; only warnings from the components underneath.
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Demo demo = new Demo(DurationText.parse("--duration", duration), dataDir, System.out);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            demo.stop();
            try {
                main.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "moat-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        demo.run();
        return 0;
    }
}
