package dev.moat.server.config;

import dev.moat.server.identity.Limits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated configuration of one Moat process: what {@code moat.yaml} and the {@code MOAT_…}
 * environment variables said, with defaults filled in and every path, address and URL checked.
 * Built by {@link ConfigLoader}; immutable.
 */
public record MoatConfig(
        Path dataDir,
        HostPort gatewayListen,
        HostPort adminListen,
        String adminTokenEnv,
        List<String> trustedProxies,
        List<Upstream> upstreams,
        Screening screening,
        Network network,
        Policy policy,
        Gateway gateway,
        Detection detection,
        Audit audit,
        Limits defaultLimits) {

    public MoatConfig {
        trustedProxies = List.copyOf(trustedProxies);
        upstreams = List.copyOf(upstreams);
    }

    /** The upstream that serves {@code model} through {@code api}, if any. */
    public Optional<Upstream> upstreamFor(Api api, String model) {
        return upstreams.stream().filter(u -> u.api() == api && u.models().contains(model)).findFirst();
    }

    /** Any upstream that serves {@code model}, through whichever API. */
    public Optional<Upstream> upstreamFor(String model) {
        return upstreams.stream().filter(u -> u.models().contains(model)).findFirst();
    }

    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    public enum Api {
        OPENAI, ANTHROPIC;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Upstream(
            String name,
            Api api,
            URI baseUrl,
            Optional<String> apiKeyEnv,
            List<String> models,
            Duration timeout,
            Duration connectTimeout,
            int maxConnections) {
        public Upstream {
            models = List.copyOf(models);
        }
    }

    /**
     * @param embargoedCountries organisations registered here are rejected outright (default: the OFAC
     *                           comprehensive programmes — CU, IR, KP, SY; occupied regions of Ukraine as UA-43, UA-14, UA-09)
     */
    public record Screening(List<Path> lists, boolean autoApproveClear, List<String> embargoedCountries) {
        public Screening {
            lists = List.copyOf(lists);
            embargoedCountries = List.copyOf(embargoedCountries);
        }
    }

    public record Network(List<Path> geoip, List<Path> hosting, List<Path> vpn, List<Path> tor) {
        public Network {
            geoip = List.copyOf(geoip);
            hosting = List.copyOf(hosting);
            vpn = List.copyOf(vpn);
            tor = List.copyOf(tor);
        }
    }

    public record Rule(String name, String when, String action, String message) {
    }

    /** Per-tier overrides of network and group actions. */
    public record TierPolicy(Map<String, String> networks, Map<String, String> groupActions) {
        public TierPolicy {
            networks = Map.copyOf(networks);
            groupActions = Map.copyOf(groupActions);
        }
    }

    /**
     * @param credentialSharing action per credential-sharing signal kind ({@code flag}, {@code review}, {@code suspend_key})
     */
    public record Policy(String profile, Map<String, String> networks, Map<String, List<String>> groups,
                         Map<String, String> groupActions, Map<String, TierPolicy> tiers,
                         Map<String, String> credentialSharing, List<Rule> rules) {
        public Policy {
            networks = Map.copyOf(networks);
            groups = Map.copyOf(groups);
            groupActions = Map.copyOf(groupActions);
            tiers = Map.copyOf(tiers);
            credentialSharing = Map.copyOf(credentialSharing);
            rules = List.copyOf(rules);
        }
    }

    /**
     * Distillation and extraction detection (an extension of the contract).
     *
     * @param detector         the detector's thresholds, bounds and shadow mode (record verdicts without enforcing
     *                         them, for tuning); {@code moat analyze --config} uses the same
     * @param degradeMaxTokens completion budget of a degraded organisation's requests
     * @param throttleLimits   an organisation's limits while it is throttled
     */
    /**
     * The detector's settings and how the gateway enforces its verdicts.
     *
     * @param benchmarkFiles files of public benchmarks' items (JSON Lines) the detector recognises as evaluation
     *                       material
     * @param benchmarks     their items, read when the configuration was loaded ({@link dev.moat.detect.BenchmarkItems})
     */
    public record Detection(dev.moat.detect.DetectorSettings detector, int degradeMaxTokens, Limits throttleLimits,
                            List<Path> benchmarkFiles, dev.moat.detect.BenchmarkItems benchmarks) {
        public Detection {
            benchmarkFiles = List.copyOf(benchmarkFiles);
        }
    }

    /**
     * The transparency log (an extension of the contract).
     *
     * @param origin           the log's name: first line of every checkpoint and name of its signing key
     * @param summariseAllowed log allowed requests as one summary per key and interval instead of one by one
     * @param summaryInterval  how often summaries are written
     * @param witnesses        verifier keys of witnesses whose cosignatures are accepted and served
     */
    public record Audit(String origin, boolean summariseAllowed, Duration summaryInterval, List<String> witnesses) {
        public Audit {
            witnesses = List.copyOf(witnesses);
        }
    }

    /**
     * Moat's own gateway settings (extensions of the contract).
     *
     * @param maxBodyBytes       request bodies above this size are refused with 413 without being read
     * @param defaultMaxTokens   the completion budget reserved when a request names none
     * @param contentRetention   how long prompt and response text is kept; empty = not kept at all
     * @param usageQueueCapacity usage events waiting to be written; when full, new requests get 503
     * @param usageQueueBytes    the same bound in (estimated) bytes of heap, so long prompts cannot fill the heap
     */
    public record Gateway(long maxBodyBytes, int defaultMaxTokens, Optional<Duration> contentRetention,
                          int usageQueueCapacity, long usageQueueBytes) {
    }
}
