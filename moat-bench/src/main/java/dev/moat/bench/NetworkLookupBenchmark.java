package dev.moat.bench;

import dev.moat.policy.AddressListReader;
import dev.moat.policy.GeoDatabase;
import dev.moat.policy.IpAddress;
import dev.moat.policy.IpPrefixSet;
import dev.moat.policy.NetworkClassification;
import dev.moat.policy.NetworkIntelligence;
import java.util.Optional;
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
 * Network intelligence per address, on the reference data: the full classification (two MaxMind databases,
 * hosting and VPN tries), and its parts — the prefix trie alone, a MaxMind lookup alone, and parsing the
 * address text. Addresses cycle through a fixed mix of 4,096 (see {@link NetworkBenchmarkData}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NetworkLookupBenchmark {

    private NetworkIntelligence intelligence;
    private IpPrefixSet hosting;
    private GeoDatabase geoIpv4;
    private IpAddress[] addresses;
    private String[] texts;
    private int cursor;

    @Setup
    public void setUp() {
        intelligence = NetworkIntelligence.load(NetworkBenchmarkData.sources());
        hosting = AddressListReader.read(NetworkBenchmarkData.sources().hosting());
        geoIpv4 = GeoDatabase.open(NetworkBenchmarkData.sources().geoip().getFirst());
        addresses = NetworkBenchmarkData.addresses();
        texts = java.util.Arrays.stream(addresses).map(IpAddress::toString).toArray(String[]::new);
    }

    private int next() {
        cursor = (cursor + 1) & (NetworkBenchmarkData.ADDRESSES - 1);
        return cursor;
    }

    @Benchmark
    public NetworkClassification classify() {
        return intelligence.classify(addresses[next()]);
    }

    @Benchmark
    public NetworkClassification parseAndClassify() {
        return intelligence.classify(texts[next()]);
    }

    @Benchmark
    public int hostingTrieOnly() {
        return hosting.matchingPrefixLength(addresses[next()]);
    }

    @Benchmark
    public Optional<?> maxMindIpv4Only() {
        IpAddress address = addresses[next()];
        return address.ipv4() ? geoIpv4.locate(address) : Optional.empty();
    }

    @Benchmark
    public Optional<IpAddress> parseOnly() {
        return IpAddress.parse(texts[next()]);
    }
}
