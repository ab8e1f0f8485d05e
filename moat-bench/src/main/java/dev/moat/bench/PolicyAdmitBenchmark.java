package dev.moat.bench;

import dev.moat.policy.ClientAddressResolver;
import dev.moat.policy.IpAddress;
import dev.moat.policy.NetworkClassification;
import dev.moat.policy.NetworkIntelligence;
import dev.moat.policy.Policy;
import dev.moat.policy.PolicyDecision;
import dev.moat.policy.PolicySettings;
import dev.moat.policy.RequestFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The admit stage's policy work for one request, on the reference data: resolve the client address behind
 * a trusted proxy, classify it (geo + lists), and decide with the {@code us-export} profile, network
 * actions and the two CEL rules below. {@code decideOnly} leaves out the lookup; {@code admitWithoutRules}
 * shows what the CEL rules cost. Target: full decision under 2 µs median.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyAdmitBenchmark {

    private static final List<PolicySettings.RuleSettings> RULES = List.of(
            new PolicySettings.RuleSettings("self-serve-no-hosting", "org.tier == \"self-serve\" && request.network == \"hosting\"",
                    "deny", "Self-serve access from hosting networks is not permitted"),
            new PolicySettings.RuleSettings("new-keys-on-model-b", "request.model == \"model-b\" && key.age_days < 7 && time.hour < 6",
                    "review", ""));

    private NetworkIntelligence intelligence;
    private ClientAddressResolver resolver;
    private Policy policy;
    private Policy policyWithoutRules;
    private IpAddress proxy;
    private List<String>[] forwardedFor;
    private IpAddress[] addresses;
    private NetworkClassification[] classified;
    private RequestFacts.Organisation[] organisations;
    private RequestFacts.Key key;
    private Instant now;
    private int cursor;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        intelligence = NetworkIntelligence.load(NetworkBenchmarkData.sources());
        resolver = ClientAddressResolver.fromSettings(List.of("10.0.0.0/8"));
        Map<String, String> networks = Map.of("tor", "deny", "vpn", "review", "hosting", "allow", "unknown", "allow");
        policy = Policy.compile(new PolicySettings("us-export", networks, Map.of(), Map.of(), Map.of(), RULES));
        policyWithoutRules = Policy.compile(new PolicySettings("us-export", networks, Map.of(), Map.of(), Map.of(), List.of()));
        proxy = IpAddress.parseOrThrow("10.1.2.3");
        addresses = NetworkBenchmarkData.addresses();
        forwardedFor = new List[addresses.length];
        classified = new NetworkClassification[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            forwardedFor[i] = List.of("198.51.100.1, " + addresses[i]);
            classified[i] = intelligence.classify(addresses[i]);
        }
        organisations = new RequestFacts.Organisation[] {
                new RequestFacts.Organisation("org_1", "US", "enterprise", "approved", 420),
                new RequestFacts.Organisation("org_2", "DE", "self-serve", "approved", 12)};
        key = new RequestFacts.Key("key_1", 3);
        now = Instant.parse("2026-11-27T04:00:00Z");
    }

    private int next() {
        cursor = (cursor + 1) & (NetworkBenchmarkData.ADDRESSES - 1);
        return cursor;
    }

    @Benchmark
    public PolicyDecision admit() {
        int i = next();
        IpAddress client = resolver.resolve(proxy, forwardedFor[i]);
        return policy.decide(new RequestFacts(intelligence.classify(client), (i & 4) == 0 ? "model-a" : "model-b", "openai",
                organisations[i & 1], key, now));
    }

    @Benchmark
    public PolicyDecision admitWithoutRules() {
        int i = next();
        IpAddress client = resolver.resolve(proxy, forwardedFor[i]);
        return policyWithoutRules.decide(new RequestFacts(intelligence.classify(client), "model-a", "openai",
                organisations[i & 1], key, now));
    }

    @Benchmark
    public PolicyDecision decideOnly() {
        int i = next();
        return policy.decide(new RequestFacts(classified[i], (i & 4) == 0 ? "model-a" : "model-b", "openai",
                organisations[i & 1], key, now));
    }
}
