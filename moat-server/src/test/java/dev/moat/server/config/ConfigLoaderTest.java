package dev.moat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String UPSTREAM = """
            upstreams:
              - {name: primary, api: openai, base_url: "http://127.0.0.1:9000", models: [model-a, model-b]}
            """;

    @Test
    void readsTheContractExample(@TempDir Path dir) throws Exception {
        Path lists = Files.createDirectory(dir.resolve("lists"));
        String yaml = """
                data_dir: %s
                listen:
                  gateway: 127.0.0.1:8080
                  admin: 127.0.0.1:8081
                admin_token_env: MOAT_ADMIN_TOKEN
                trusted_proxies: [10.0.0.0/8, "2001:db8::/32"]
                upstreams:
                  - name: primary
                    api: openai
                    base_url: http://127.0.0.1:9000
                    api_key_env: UPSTREAM_API_KEY
                    models: [model-a, model-b]
                screening:
                  lists: [%s]
                  auto_approve_clear: false
                policy:
                  profile: us-export
                  networks: {tor: deny, vpn: review, hosting: allow, unknown: allow}
                  groups: {partners: [gb, de]}
                  rules:
                    - name: self-serve-no-hosting
                      when: 'org.tier == "self-serve" && request.network == "hosting"'
                      action: deny
                      message: "Self-serve access from hosting networks is not permitted"
                """.formatted(dir.resolve("data"), lists);

        MoatConfig config = ConfigLoader.fromYaml(yaml, Map.of());

        assertThat(config.gatewayListen()).isEqualTo(new MoatConfig.HostPort("127.0.0.1", 8080));
        assertThat(config.adminListen().port()).isEqualTo(8081);
        assertThat(config.trustedProxies()).containsExactly("10.0.0.0/8", "2001:db8::/32");
        MoatConfig.Upstream upstream = config.upstreams().getFirst();
        assertThat(upstream.api()).isEqualTo(MoatConfig.Api.OPENAI);
        assertThat(upstream.apiKeyEnv()).contains("UPSTREAM_API_KEY");
        assertThat(config.upstreamFor(MoatConfig.Api.OPENAI, "model-b")).contains(upstream);
        assertThat(config.upstreamFor(MoatConfig.Api.ANTHROPIC, "model-b")).isEmpty();
        assertThat(config.screening().lists()).containsExactly(lists);
        assertThat(config.policy().networks()).containsEntry("vpn", "review");
        assertThat(config.policy().groups()).containsEntry("partners", List.of("GB", "DE"));
        assertThat(config.policy().rules().getFirst().name()).isEqualTo("self-serve-no-hosting");
        assertThat(config.gateway().maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.gateway().contentRetention()).contains(Duration.ofDays(30));
    }

    @Test
    void everyKeyCanBeSetFromTheEnvironment() {
        MoatConfig config = ConfigLoader.fromYaml(UPSTREAM, Map.of(
                "MOAT_DATA_DIR", "/srv/moat",
                "MOAT_LISTEN_GATEWAY", "0.0.0.0:9090",
                "MOAT_UPSTREAMS_0_BASE_URL", "https://api.example.com/v1",
                "MOAT_UPSTREAMS_0_MODELS", "[model-x]",
                "MOAT_POLICY_NETWORKS_VPN", "deny",
                "MOAT_GATEWAY_CONTENT_RETENTION", "off",
                "MOAT_LIMITS_TOKENS_PER_DAY", "100000",
                "MOAT_ADMIN_TOKEN", "secret-not-a-setting"));

        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/moat"));
        assertThat(config.gatewayListen()).isEqualTo(new MoatConfig.HostPort("0.0.0.0", 9090));
        assertThat(config.upstreams().getFirst().baseUrl().toString()).isEqualTo("https://api.example.com/v1");
        assertThat(config.upstreams().getFirst().models()).containsExactly("model-x");
        assertThat(config.policy().networks()).containsEntry("vpn", "deny");
        assertThat(config.gateway().contentRetention()).isEqualTo(Optional.empty());
        assertThat(config.defaultLimits().tokensPerDay()).isEqualTo(100_000);
    }

    @Test
    void theEnvironmentCanDefineAnUpstreamFromScratch() {
        MoatConfig config = ConfigLoader.fromYaml("", Map.of(
                "MOAT_UPSTREAMS_0_NAME", "env",
                "MOAT_UPSTREAMS_0_API", "anthropic",
                "MOAT_UPSTREAMS_0_BASE_URL", "http://127.0.0.1:7000",
                "MOAT_UPSTREAMS_0_MODELS", "claude-x, claude-y"));

        assertThat(config.upstreams().getFirst().models()).containsExactly("claude-x", "claude-y");
        assertThat(config.upstreams().getFirst().api()).isEqualTo(MoatConfig.Api.ANTHROPIC);
    }

    @Test
    void unknownKeysAreRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "polcy: {}\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("polcy: unknown key").hasMessageContaining("policy");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "policy: {netwrks: {}}\n", Map.of()))
                .hasMessageContaining("policy.netwrks: unknown key");
        assertThatThrownBy(() -> ConfigLoader.fromYaml("upstreams:\n  - {name: a, base_url: 'http://x', models: [m], colour: red}\n", Map.of()))
                .hasMessageContaining("upstreams[0].colour: unknown key");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "listen: {gateway: localhost}\n", Map.of()))
                .hasMessageContaining("listen.gateway").hasMessageContaining("host:port");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "listen: {admin: '127.0.0.1:99999'}\n", Map.of()))
                .hasMessageContaining("listen.admin").hasMessageContaining("out of range");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "trusted_proxies: [not-a-cidr]\n", Map.of()))
                .hasMessageContaining("trusted_proxies[0]");
        assertThatThrownBy(() -> ConfigLoader.fromYaml("upstreams:\n  - {name: a, api: grpc, base_url: 'http://x', models: [m]}\n", Map.of()))
                .hasMessageContaining("upstreams[0].api").hasMessageContaining("openai or anthropic");
        assertThatThrownBy(() -> ConfigLoader.fromYaml("upstreams:\n  - {name: a, base_url: 'ftp://x', models: [m]}\n", Map.of()))
                .hasMessageContaining("upstreams[0].base_url");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "policy: {networks: {vpn: block}}\n", Map.of()))
                .hasMessageContaining("policy.networks.vpn").hasMessageContaining("allow, review or deny");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "gateway: {max_body_bytes: lots}\n", Map.of()))
                .hasMessageContaining("gateway.max_body_bytes");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "gateway: {content_retention: forever}\n", Map.of()))
                .hasMessageContaining("gateway.content_retention");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM, Map.of("MOAT_LISTEN_GATEWAY", "nope")))
                .hasMessageContaining("listen.gateway");
    }

    @Test
    void aMissingUpstreamIsExplained() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("data_dir: ./data\n", Map.of()))
                .hasMessageContaining("upstreams").hasMessageContaining("at least one");
        assertThatThrownBy(() -> ConfigLoader.fromYaml("upstreams:\n  - {name: a, base_url: 'http://x'}\n", Map.of()))
                .hasMessageContaining("upstreams[0].models");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "  - {name: primary, base_url: 'http://y', models: [z]}\n", Map.of()))
                .hasMessageContaining("upstreams[1].name").hasMessageContaining("unique");
    }

    @Test
    void unreadableFilesAreNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "network: {geoip: [" + dir.resolve("missing.mmdb") + "]}\n", Map.of()))
                .hasMessageContaining("network.geoip[0]").hasMessageContaining("missing.mmdb");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("moat.yaml")), Map.of()))
                .hasMessageContaining("cannot read configuration file");
        assertThatThrownBy(() -> ConfigLoader.fromYaml("upstreams: [\n", Map.of()))
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void detectionThresholdsAndBoundsAreConfigurable() {
        MoatConfig config = ConfigLoader.fromYaml(UPSTREAM + """
                detection:
                  shadow_mode: true
                  thresholds: {flag: 0.2, review: 0.4, throttle: 0.7, degrade: 0.8, suspend: 0.95}
                  min_events_for_action: 50
                  review_harvest_budget: 0
                  new_account_review_budget: 250
                  link_ttl: 2d
                  idle_eviction: 12h
                  max_principals: 5000
                """, Map.of());

        var detector = config.detection().detector();
        assertThat(detector.shadowMode()).isTrue();
        assertThat(List.of(detector.flagAt(), detector.reviewAt(), detector.throttleAt(), detector.degradeAt(),
                detector.suspendAt())).containsExactly(0.2, 0.4, 0.7, 0.8, 0.95);
        assertThat(detector.actionFor(0.65)).isEqualTo(dev.moat.detect.Action.REVIEW);
        assertThat(detector.minEventsForAction()).isEqualTo(50);
        assertThat(detector.reviewHarvestBudget()).isZero();
        assertThat(detector.newAccountReviewBudget()).isEqualTo(250);
        assertThat(detector.linkTtl()).isEqualTo(Duration.ofDays(2));
        assertThat(detector.idleEviction()).isEqualTo(Duration.ofHours(12));
        assertThat(detector.maxPrincipals()).isEqualTo(5000);
        assertThat(ConfigLoader.fromYaml(UPSTREAM, Map.of()).detection().detector())
                .isEqualTo(dev.moat.detect.DetectorSettings.defaults());
    }

    @Test
    void badDetectionThresholdsAreExplained() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "detection: {thresholds: {throttle: 1.5}}\n", Map.of()))
                .hasMessageContaining("detection.thresholds.throttle").hasMessageContaining("at most 1");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "detection: {thresholds: {review: high}}\n", Map.of()))
                .hasMessageContaining("detection.thresholds.review").hasMessageContaining("not a number");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "detection: {thresholds: {throttle: 0.4}}\n", Map.of()))
                .hasMessageContaining("detection").hasMessageContaining("non-decreasing");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "detection: {thresholds: {suspend: 0.9, severity: 1}}\n", Map.of()))
                .hasMessageContaining("detection.thresholds.severity");
    }

    @Test
    void benchmarkFilesAreReadWhenTheConfigurationIsLoadedAndABrokenOneStopsItWithFileAndLine(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path good = dir.resolve("gsm8k_test.jsonl");
        java.nio.file.Files.writeString(good, "{\"question\": \"Janet's ducks lay 16 eggs per day and she eats three of them\"}\n");
        var detection = ConfigLoader.fromYaml(UPSTREAM + "detection: {benchmarks: [" + good + "]}\n", Map.of()).detection();
        assertThat(detection.benchmarkFiles()).containsExactly(good);
        assertThat(detection.benchmarks().size()).isEqualTo(1);
        assertThat(ConfigLoader.fromYaml(UPSTREAM, Map.of()).detection().benchmarks().size()).isZero();

        java.nio.file.Path broken = dir.resolve("broken.jsonl");
        java.nio.file.Files.writeString(broken, "{\"score\": 3}\n");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "detection: {benchmarks: [" + broken + "]}\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("detection.benchmarks").hasMessageContaining("broken.jsonl line 1");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM + "detection: {benchmarks: [" + dir.resolve("none.jsonl")
                + "]}\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("detection.benchmarks[0]: cannot read");
    }

    @Test
    void aTierCanHaveThresholdsAndAReviewBudgetOfItsOwnTheRestFallingBackToTheGlobalOnes() {
        var detector = ConfigLoader.fromYaml(UPSTREAM + """
                detection:
                  thresholds: {throttle: 0.65}
                  review_harvest_budget: 400
                  tiers:
                    enterprise:
                      thresholds: {throttle: 0.85, degrade: 0.9, suspend: 0.97}
                      review_harvest_budget: 0
                    research:
                      thresholds: {review: 0.45}
                """, Map.of()).detection().detector();
        assertThat(detector.tiers().get("enterprise")).isEqualTo(new dev.moat.detect.TierSettings(
                new dev.moat.detect.Thresholds(0.3, 0.5, 0.85, 0.9, 0.97), 0));
        assertThat(detector.tiers().get("research")).isEqualTo(new dev.moat.detect.TierSettings(
                new dev.moat.detect.Thresholds(0.3, 0.45, 0.65, 0.75, 0.9), 400));
        assertThat(detector.actionFor(0.7, java.util.Optional.of("Enterprise"))).isEqualTo(dev.moat.detect.Action.REVIEW);
        assertThat(detector.actionFor(0.7, java.util.Optional.of("self-serve"))).isEqualTo(dev.moat.detect.Action.THROTTLE);
        assertThat(detector.actionFor(0.7, java.util.Optional.empty())).isEqualTo(dev.moat.detect.Action.THROTTLE);
        assertThat(detector.reviewHarvestBudget(java.util.Optional.of("enterprise"))).isZero();
        assertThat(detector.reviewHarvestBudget(java.util.Optional.of("self-serve"))).isEqualTo(400);

        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM
                + "detection: {tiers: {enterprise: {thresholds: {throttle: 0.95}}}}\n", Map.of()))
                .hasMessageContaining("detection.tiers.enterprise.thresholds").hasMessageContaining("non-decreasing");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM
                + "detection: {tiers: {enterprise: {thresholds: {review: 2}}}}\n", Map.of()))
                .hasMessageContaining("detection.tiers.enterprise.thresholds.review").hasMessageContaining("at most 1");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM
                + "detection: {tiers: {enterprise: {review_harvest_budget: -5}}}\n", Map.of()))
                .hasMessageContaining("detection.tiers.enterprise.review_harvest_budget").hasMessageContaining("negative");
        assertThatThrownBy(() -> ConfigLoader.fromYaml(UPSTREAM
                + "detection: {tiers: {enterprise: {block: 0.9}}}\n", Map.of()))
                .hasMessageContaining("detection.tiers.enterprise.block");
    }
}
