package dev.moat.server;

import dev.moat.audit.LogSettings;
import dev.moat.audit.NoteVerifier;
import dev.moat.audit.TransparencyLog;
import dev.moat.detect.Detector;
import dev.moat.policy.CredentialSharingMonitor;
import dev.moat.policy.NetworkDataWatcher;
import dev.moat.policy.NetworkIntelligence;
import dev.moat.policy.Policy;
import dev.moat.policy.ReloadOutcome;
import dev.moat.screening.LoadReport;
import dev.moat.screening.ScreeningIndex;
import dev.moat.screening.ScreeningSettings;
import dev.moat.server.admin.AdminServer;
import dev.moat.server.admin.EnforcementOverrideRoutes;
import dev.moat.server.admin.EnforcementOverrideService;
import dev.moat.server.enforcement.EnforcementOverrides;
import dev.moat.server.store.EnforcementOverrideStore;
import dev.moat.server.config.ConfigException;
import dev.moat.server.vetting.ListScreening;
import dev.moat.server.vetting.ListWatcher;
import dev.moat.server.alert.AlertFactory;
import dev.moat.server.alert.AlertRoutes;
import dev.moat.server.alert.AlertThrottle;
import dev.moat.server.alert.AlertStore;
import dev.moat.server.alert.Alerts;
import dev.moat.server.audit.AuditRoutes;
import dev.moat.server.audit.AuditTrail;
import dev.moat.server.admin.OrgService;
import dev.moat.server.admin.Unscreened;
import dev.moat.server.admin.Vetting;
import dev.moat.server.config.MoatConfig;
import dev.moat.server.gateway.AdmitStage;
import dev.moat.server.gateway.AuthenticateStage;
import dev.moat.server.gateway.GatewayServer;
import dev.moat.server.gateway.LimitStage;
import dev.moat.server.gateway.EnforcementStage;
import dev.moat.server.gateway.GuardStage;
import dev.moat.server.gateway.ParseStage;
import dev.moat.server.gateway.PolicyStage;
import dev.moat.server.gateway.Stage;
import dev.moat.server.identity.Directory;
import dev.moat.server.limit.LocalRateLimiter;
import dev.moat.server.observe.GatewayMetrics;
import dev.moat.server.store.Database;
import dev.moat.server.store.KeyStore;
import dev.moat.server.store.OrgStore;
import dev.moat.server.store.UsageStore;
import dev.moat.server.upstream.UpstreamClients;
import dev.moat.server.usage.UsageRecorder;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Moat process: storage, in-memory state, the gateway and admin listeners, wired from a
 * {@link MoatConfig}. {@link #start} returns once both listeners accept connections.
 */
public final class MoatServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MoatServer.class);
    private static final long RETENTION_SWEEP_MS = 10 * 60 * 1000;
    private static final long LIST_CHECK_MS = 60 * 1000;
    private static final int AUDIT_QUEUE_CAPACITY = 8_192;
    private static final int AUDIT_BATCH = 1_024;

    private final MoatConfig config;
    private final Map<String, String> env;
    private Vertx vertx;
    private Database database;
    private UsageRecorder recorder;
    private UpstreamClients upstreams;
    private OrgService orgService;
    private UsageStore usageStore;
    private GatewayMetrics metrics;
    private AuditTrail audit;
    private NetworkIntelligence network;
    private NetworkDataWatcher networkWatcher;
    private AlertStore alertStore;
    private Alerts alerts;
    private Detector detector;
    private ListWatcher listWatcher;
    /** One policy-review alert per key per ten minutes: the events keep every request, the queue stays readable. */
    private final AlertThrottle reviewAlerts = new AlertThrottle(Duration.ofMinutes(10), 100_000);
    private int gatewayPort;
    private int adminPort;

    public MoatServer(MoatConfig config, Map<String, String> env) {
        this.config = config;
        this.env = Map.copyOf(env);
    }

    /** Starts everything; throws with a clear message if anything cannot start. */
    public MoatServer start() {
        database = Database.open(config.dataDir());
        OrgStore orgStore = new OrgStore(database);
        KeyStore keyStore = new KeyStore(database);
        usageStore = new UsageStore(database, config.gateway().contentRetention());
        Directory directory = new Directory(orgStore.list(Optional.empty()), keyStore.active());
        metrics = new GatewayMetrics();
        recorder = new UsageRecorder(usageStore, config.gateway().usageQueueCapacity(), config.gateway().usageQueueBytes());
        metrics.gauge("moat.usage.queue.depth", "Usage events waiting to be stored", recorder::depth);
        metrics.gauge("moat.keys.active", "Active API keys in memory", directory::keyCount);
        audit = openAudit();
        recorder.addEventListener(audit::accessDecision);
        Vetting vetting = vetting();
        orgService = new OrgService(orgStore, keyStore, directory, vetting, config);
        orgService.addListener(action -> audit.record(action.kind(), action.actor(), action.subject(), action.outcome(),
                action.note().isEmpty() ? List.of() : List.of(action.note()), action.at()));

        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        upstreams = new UpstreamClients(vertx, config.upstreams(), env);
        upstreams.missingKeys(config.upstreams()).forEach(missing ->
                LOG.atWarn().addKeyValue("upstream", missing).log("upstream API key variable is not set; calling it without a key"));
        LocalRateLimiter limiter = new LocalRateLimiter();
        network = PolicyWiring.network(config.network());
        Policy policy = PolicyWiring.policy(config.policy());
        CredentialSharingMonitor sharing = PolicyWiring.sharing(config.policy(), policy);
        metrics.gauge("moat.policy.rule.errors", "CEL rule evaluations that failed (and denied)", policy::totalRuleEvaluationErrors);
        alertStore = new AlertStore(database);
        alerts = new Alerts(alertStore, audit);
        metrics.gauge("moat.alerts.dropped", "Alerts that found the alert queue full (logged, not stored)", alerts::dropped);
        alerts.addEnforcer(alert -> {
            if (alert.action().equals("suspend_key")) {
                orgService.revokeKey(alert.subjectId(), "credential-sharing");
            }
        });
        detector = DetectionWiring.detector(config.detection(), orgStore, alerts);
        recorder.addListener(detector::accept);
        orgService.addOrgListener(org -> detector.addOrg(DetectionWiring.profile(org)));
        // Analysts' overrides replace the detector's action (in shadow mode too); loaded once, then written through.
        EnforcementOverrideStore overrideStore = new EnforcementOverrideStore(database);
        EnforcementOverrides overrides = new EnforcementOverrides(detector::enforcement, detector::enforcement, Clock.systemUTC());
        overrides.putAll(overrideStore.active(Instant.now()));
        List<Stage> stages = List.of(
                new AuthenticateStage(directory),
                new ParseStage(),
                new AdmitStage(config),
                new PolicyStage(network, policy, sharing, signal -> alerts.raise(AlertFactory.of(signal, directory)),
                        call -> {
                            if (reviewAlerts.shouldRaise(call.key().map(k -> k.id()).orElse(""))) {
                                alerts.raise(AlertFactory.policyReview(call));
                            }
                        }),
                new EnforcementStage(overrides::forOrg, overrides::forKey, config.detection().degradeMaxTokens()),
                new GuardStage(),
                new LimitStage(limiter, config.gateway().defaultMaxTokens(), config.defaultLimits(),
                        config.detection().throttleLimits()));
        GatewayServer gateway = new GatewayServer(config, stages, limiter, recorder, metrics, upstreams, directory);
        AdminServer admin = new AdminServer(orgService, usageStore, recorder, metrics,
                Optional.ofNullable(env.get(config.adminTokenEnv())), config.adminTokenEnv());
        admin.extend(new AuditRoutes(audit.log())::register);
        admin.extend(new AlertRoutes(alertStore)::register);
        admin.extend(new EnforcementOverrideRoutes(new EnforcementOverrideService(overrideStore, overrides, directory,
                audit::record, Clock.systemUTC()))::register);
        if (vetting instanceof ListScreening lists) {
            listWatcher = new ListWatcher(config.screening().lists(), lists, orgService,
                    rescreened -> alerts.raise(AlertFactory.rescreened(rescreened)));
            admin.extend(router -> router.post("/admin/v1/lists/reload").handler(ctx -> ctx.vertx()
                    .executeBlocking(() -> listWatcher.check(true), false).onComplete(done -> {
                        if (done.failed()) {
                            ctx.response().setStatusCode(500).putHeader("content-type", "application/json")
                                    .end("{\"error\":{\"code\":\"internal_error\",\"message\":\"reloading the lists failed\"}}");
                            return;
                        }
                        ListWatcher.Outcome outcome = done.result();
                        ctx.response().putHeader("content-type", "application/json").end(new com.fasterxml.jackson.databind.ObjectMapper()
                                .createObjectNode().put("reloaded", outcome.reloaded()).put("entities", outcome.entities())
                                .put("organisations_screened", outcome.screened()).put("status_changes", outcome.statusChanges())
                                .put("ms", outcome.millis()).put("message", outcome.message()).toString());
                    })));
        }
        networkWatcher = new NetworkDataWatcher(network, Duration.ofSeconds(60), outcome -> {
            switch (outcome) {
                case ReloadOutcome.Reloaded reloaded -> LOG.atInfo().addKeyValue("summary", reloaded.summary()).log("network data reloaded");
                case ReloadOutcome.Failed failed -> LOG.atError().addKeyValue("reason", failed.reason())
                        .log("network data changed but could not be loaded; keeping the previous data");
                case ReloadOutcome.Unchanged unchanged -> { }
            }
        });
        networkWatcher.start();
        try {
            gatewayPort = gateway.listen(vertx, config.gatewayListen(), Math.max(1, Runtime.getRuntime().availableProcessors())).await();
            adminPort = admin.listen(vertx, config.adminListen().host(), config.adminListen().port()).await();
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("cannot listen: " + e.getMessage()
                    + " (is another process using the port? change listen.gateway / listen.admin)", e);
        }
        // Also with retention off: content stored while it was on goes at the first sweep, a second after start.
        vertx.setPeriodic(1_000, RETENTION_SWEEP_MS, id -> vertx.executeBlocking(() -> usageStore.expireContent(Instant.now()), false));
        if (config.audit().summariseAllowed()) {
            vertx.setPeriodic(config.audit().summaryInterval().toMillis(),
                    id -> vertx.executeBlocking(() -> {
                        audit.flushSummaries();
                        return null;
                    }, false));
        }
        if (listWatcher != null) {
            vertx.setPeriodic(LIST_CHECK_MS, id -> vertx.executeBlocking(() -> listWatcher.check(false), false));
        }
        admin.markReady();
        LOG.atInfo().addKeyValue("gateway", config.gatewayListen().host() + ":" + gatewayPort)
                .addKeyValue("admin", config.adminListen().host() + ":" + adminPort)
                .addKeyValue("data_dir", config.dataDir().toAbsolutePath())
                .addKeyValue("transport", vertx.isNativeTransportEnabled() ? "native" : "nio").log("moat started");
        return this;
    }

    public int gatewayPort() {
        return gatewayPort;
    }

    public int adminPort() {
        return adminPort;
    }

    public OrgService orgs() {
        return orgService;
    }

    private Vetting vetting() {
        if (config.screening().lists().isEmpty()) {
            LOG.atWarn().log("no restricted-party lists configured (screening.lists): organisations are not screened");
            return new Unscreened();
        }
        long start = System.nanoTime();
        ScreeningIndex index;
        try {
            index = ScreeningIndex.load(config.screening().lists(), ScreeningSettings.DEFAULTS);
        } catch (RuntimeException e) {
            throw new ConfigException("screening.lists: " + e.getMessage(), e);
        }
        LoadReport report = index.loadReport();
        report.problems().stream().limit(20).forEach(problem ->
                LOG.atWarn().addKeyValue("problem", problem).log("skipped a malformed list entry"));
        LOG.atInfo().addKeyValue("entities", report.entities()).addKeyValue("files", report.files().size())
                .addKeyValue("skipped", report.problems().size())
                .addKeyValue("ms", (System.nanoTime() - start) / 1_000_000).log("restricted-party lists loaded");
        return new ListScreening(index, new java.util.HashSet<>(config.screening().embargoedCountries()));
    }

    private AuditTrail openAudit() {
        List<NoteVerifier> witnesses = config.audit().witnesses().stream().map(NoteVerifier::parse).toList();
        // 8,192 entries waiting for integration at most (a few MB): when the log falls behind, the usage writer
        // waits for it, the usage queue fills, and the gateway answers 503 — instead of the heap filling up.
        // Batches of up to 1,024 entries (four full tiles) within 200 ms: each batch costs a signature, a root and
        // a few fsyncs whatever its size, so at thousands of requests a second bigger batches cost less per entry.
        TransparencyLog log = TransparencyLog.open(LogSettings.of(config.dataDir().resolve("audit"), config.audit().origin())
                .withBatch(AUDIT_BATCH, Duration.ofMillis(200)).withQueueCapacity(AUDIT_QUEUE_CAPACITY).withWitnesses(witnesses));
        return new AuditTrail(log, config.audit().summariseAllowed()
                ? AuditTrail.AllowedRequests.SUMMARY : AuditTrail.AllowedRequests.INDIVIDUAL);
    }

    public Detector detector() {
        return detector;
    }

    /** Stops the listeners, stores every recorded usage event, and closes the database. */
    @Override
    public void close() {
        if (vertx != null) {
            vertx.close().await();
            vertx = null;
        }
        if (networkWatcher != null) {
            networkWatcher.close();
            networkWatcher = null;
        }
        if (recorder != null) {
            recorder.close();
            recorder = null;
        }
        if (alerts != null) {
            alerts.close();
            alerts = null;
        }
        if (audit != null) {
            audit.close();
            audit = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
