package dev.moat.bench;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import dev.moat.policy.AddressListReader;
import dev.moat.policy.CidrRange;
import dev.moat.policy.GeoDatabase;
import dev.moat.policy.IpAddress;
import dev.moat.policy.IpPrefixSet;
import dev.moat.policy.MmdbCountryRecord;
import dev.moat.policy.NetworkClassification;
import dev.moat.policy.NetworkIntelligence;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
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
 *
 * <p>The IPv6 benchmarks use their own 4,096 addresses, each a random address inside a randomly chosen
 * network of the IPv6 database (seeded), so every lookup walks to a placed network as a real client's
 * does: the flattened table ({@code maxMindIpv6Only}), the MaxMind reader's own tree with its record cache
 * for comparison ({@code maxMindIpv6Reader}, the lookup used before the table), and the full classification.
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
    private GeoDatabase geoIpv6;
    private Reader ipv6Reader;
    private IpAddress[] addresses;
    private IpAddress[] ipv6Addresses;
    private String[] texts;
    private int cursor;

    @Setup
    public void setUp() throws Exception {
        intelligence = NetworkIntelligence.load(NetworkBenchmarkData.sources());
        hosting = AddressListReader.read(NetworkBenchmarkData.sources().hosting());
        geoIpv4 = GeoDatabase.open(NetworkBenchmarkData.sources().geoip().getFirst());
        Path ipv6File = NetworkBenchmarkData.sources().geoip().get(1);
        geoIpv6 = GeoDatabase.open(ipv6File);
        ipv6Reader = new Reader(ipv6File.toFile(), Reader.FileMode.MEMORY, new CHMCache());
        addresses = NetworkBenchmarkData.addresses();
        ipv6Addresses = addressesInsideNetworksOf(ipv6Reader);
        texts = java.util.Arrays.stream(addresses).map(IpAddress::toString).toArray(String[]::new);
    }

    private static IpAddress[] addressesInsideNetworksOf(Reader reader) throws Exception {
        List<CidrRange> networks = new ArrayList<>();
        Networks<MmdbCountryRecord> records = reader.networks(false, MmdbCountryRecord.class);
        while (records.hasNext()) {
            com.maxmind.db.Network network = records.next().getNetwork();
            networks.add(new CidrRange(IpAddress.of(network.getNetworkAddress()), network.getPrefixLength()));
        }
        SplittableRandom random = new SplittableRandom(20261127);
        IpAddress[] chosen = new IpAddress[NetworkBenchmarkData.ADDRESSES];
        for (int i = 0; i < chosen.length; i++) {
            CidrRange network = networks.get(random.nextInt(networks.size()));
            int hostBits = 128 - network.prefixLength();
            long lowHostMask = hostBits >= 64 ? -1L : (1L << hostBits) - 1;
            long highHostMask = hostBits <= 64 ? 0L : hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1;
            chosen[i] = IpAddress.ofIpv6(network.network().high() | random.nextLong() & highHostMask,
                    network.network().low() | random.nextLong() & lowHostMask);
        }
        return chosen;
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
    public Optional<?> maxMindIpv6Only() {
        return geoIpv6.locate(ipv6Addresses[next()]);
    }

    @Benchmark
    public Object maxMindIpv6Reader() throws IOException {
        return ipv6Reader.get(ipv6Addresses[next()].toInetAddress(), MmdbCountryRecord.class);
    }

    @Benchmark
    public NetworkClassification classifyIpv6() {
        return intelligence.classify(ipv6Addresses[next()]);
    }

    @Benchmark
    public Optional<IpAddress> parseOnly() {
        return IpAddress.parse(texts[next()]);
    }
}
