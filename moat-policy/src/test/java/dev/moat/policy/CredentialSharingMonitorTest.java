package dev.moat.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CredentialSharingMonitorTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private static final Policy US_EXPORT = Policy.compile(PolicySettings.ofProfile("us-export"));

    private final CredentialSharingMonitor monitor = CredentialSharingMonitor.forPolicy(SharingSettings.defaults(), US_EXPORT);

    private static NetworkClassification from(String country, String ip, Network network) {
        return new NetworkClassification(IpAddress.parseOrThrow(ip), Optional.of(new GeoLocation(country, Optional.empty())),
                network, Optional.empty());
    }

    private List<SharingSignal> observe(String key, Duration after, String country, String ip) {
        return monitor.observe(key, T0.plus(after), from(country, ip, Network.RESIDENTIAL), "openai-python/1.54.0");
    }

    private static List<SharingSignalKind> kinds(List<SharingSignal> signals) {
        return signals.stream().map(SharingSignal::kind).toList();
    }

    @Test
    void centroidDistancesAreGreatCircleDistances() {
        // London (51.5072, -0.1276) to Paris (48.8566, 2.3522): about 344 km.
        double km = new CountryCentroids.Point(51.5072, -0.1276).distanceKm(new CountryCentroids.Point(48.8566, 2.3522));
        assertThat(km).isBetween(340.0, 348.0);
        assertThat(CountryCentroids.bundled().size()).isGreaterThan(240);
        assertThat(CountryCentroids.bundled().distanceKm("US", "CN")).hasValueSatisfying(d -> assertThat(d).isBetween(10_000.0, 13_000.0));
        assertThat(CountryCentroids.bundled().distanceKm("US", "XX")).isEmpty();
    }

    @Test
    void consecutiveRequestsFromFarApartCountriesMinutesApartAreImpossibleTravel() {
        assertThat(observe("key_a", Duration.ZERO, "US", "8.8.8.8")).isEmpty();
        List<SharingSignal> signals = observe("key_a", Duration.ofMinutes(5), "CN", "223.5.5.5");
        SharingSignal travel = signals.stream().filter(s -> s.kind() == SharingSignalKind.IMPOSSIBLE_TRAVEL).findFirst().orElseThrow();
        assertThat(travel.action()).isEqualTo(SharingAction.REVIEW);
        assertThat(travel.keyId()).isEqualTo("key_a");
        assertThat(travel.evidence()).containsEntry("from_country", "US").containsEntry("to_country", "CN")
                .containsEntry("from_ip", "8.8.8.8").containsEntry("to_ip", "223.5.5.5").containsEntry("elapsed_seconds", "300");
        double distance = Double.parseDouble(travel.evidence().get("distance_km"));
        assertThat(Double.parseDouble(travel.evidence().get("speed_kmh"))).isCloseTo(distance * 12, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(travel.explanation()).contains("key_a").contains("US and 5 min later from CN").contains("km/h");
    }

    @Test
    void travelThatAnAirlinerCanManageIsNotSignalled() {
        observe("key_b", Duration.ZERO, "US", "8.8.8.8");
        assertThat(kinds(observe("key_b", Duration.ofHours(14), "CN", "223.5.5.5"))).doesNotContain(SharingSignalKind.IMPOSSIBLE_TRAVEL);
    }

    @Test
    void neighbouringCountriesAreTooCloseForCentroidsToJudge() {
        observe("key_c", Duration.ZERO, "FR", "2.0.0.1");
        assertThat(kinds(observe("key_c", Duration.ofSeconds(30), "BE", "2.0.0.2"))).isEmpty();
    }

    @Test
    void alternatingBetweenDistantCountriesWithinMinutesIsConcurrentUse() {
        observe("key_d", Duration.ZERO, "US", "8.8.8.8");
        observe("key_d", Duration.ofMinutes(2), "DE", "5.62.56.1");
        List<SharingSignal> signals = observe("key_d", Duration.ofMinutes(4), "US", "8.8.4.4");
        SharingSignal concurrent = signals.stream().filter(s -> s.kind() == SharingSignalKind.CONCURRENT_USE).findFirst().orElseThrow();
        assertThat(concurrent.evidence()).containsEntry("countries", "US,DE").containsKey("distance_km");
        assertThat(concurrent.explanation()).contains("US").contains("DE").contains("at once");
    }

    @Test
    void alternatingSlowerThanTheConcurrencyWindowIsNotConcurrentUse() {
        observe("key_e", Duration.ZERO, "US", "8.8.8.8");
        observe("key_e", Duration.ofHours(12), "DE", "5.62.56.1");
        assertThat(kinds(observe("key_e", Duration.ofHours(24), "US", "8.8.4.4"))).isEmpty();
    }

    @Test
    void signalsOfOneKindAreRateLimitedPerKey() {
        int travelSignals = 0;
        for (int i = 0; i < 10; i++) {
            travelSignals += (int) observe("key_f", Duration.ofMinutes(i), i % 2 == 0 ? "US" : "CN", "8.8.8.8").stream()
                    .filter(s -> s.kind() == SharingSignalKind.IMPOSSIBLE_TRAVEL).count();
        }
        assertThat(travelSignals).isEqualTo(1);
        assertThat(kinds(observe("key_f", Duration.ofMinutes(40), "US", "8.8.8.8"))).contains(SharingSignalKind.IMPOSSIBLE_TRAVEL);
    }

    @Test
    void manyCountriesInTheWindowAreSignalledWhenTheLimitIsExceeded() {
        String[] countries = {"US", "GB", "DE", "JP", "BR"};
        List<SharingSignal> last = List.of();
        for (int i = 0; i < countries.length; i++) {
            last = observe("key_g", Duration.ofMinutes(12L * i), countries[i], "192.0.2." + (i + 1));
            if (i < 4) {
                assertThat(kinds(last)).doesNotContain(SharingSignalKind.MANY_COUNTRIES);
            }
        }
        SharingSignal many = last.stream().filter(s -> s.kind() == SharingSignalKind.MANY_COUNTRIES).findFirst().orElseThrow();
        assertThat(many.evidence()).containsEntry("countries", "BR,DE,GB,JP,US").containsEntry("count", "5");
        assertThat(many.action()).isEqualTo(SharingAction.FLAG);
    }

    @Test
    void manyNetworkKindsAreSignalled() {
        CredentialSharingMonitor strict = new CredentialSharingMonitor(SharingSettings.defaults(), CountryCentroids.bundled(), location -> List.of());
        strict.observe("key_h", T0, from("DE", "5.62.56.1", Network.RESIDENTIAL), "curl/8");
        strict.observe("key_h", T0.plusSeconds(60), from("DE", "5.62.56.2", Network.HOSTING), "curl/8");
        strict.observe("key_h", T0.plusSeconds(120), from("DE", "5.62.56.3", Network.VPN), "curl/8");
        List<SharingSignal> signals = strict.observe("key_h", T0.plusSeconds(180), from("DE", "5.62.56.4", Network.TOR), "curl/8");
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SharingSignalKind.MANY_NETWORKS);
            assertThat(s.evidence()).containsEntry("networks", "tor,vpn,hosting,residential");
        });
    }

    @Test
    void theFirstUseFromARestrictedGroupIsSignalledOncePerGroup() {
        List<SharingSignal> first = observe("key_i", Duration.ZERO, "IR", "5.22.0.1");
        assertThat(first).extracting(s -> s.evidence().get("group")).containsExactlyInAnyOrder("embargoed", "d5");
        assertThat(first).allSatisfy(s -> assertThat(s.kind()).isEqualTo(SharingSignalKind.RESTRICTED_GROUP_FIRST_USE));
        assertThat(observe("key_i", Duration.ofHours(1), "IR", "5.22.0.1")).isEmpty();
        assertThat(observe("key_i", Duration.ofHours(12), "RU", "77.88.8.8")).isEmpty();
        assertThat(observe("key_i", Duration.ofHours(24), "MO", "60.246.0.1")).extracting(s -> s.evidence().get("group")).containsExactly("macau");
    }

    @Test
    void aSuddenChangeOfAnEstablishedClientIsSignalled() {
        CredentialSharingMonitor clients = new CredentialSharingMonitor(SharingSettings.defaults(), CountryCentroids.bundled(), location -> List.of());
        NetworkClassification home = from("US", "8.8.8.8", Network.RESIDENTIAL);
        for (int i = 0; i < 20; i++) {
            assertThat(clients.observe("key_j", T0.plusSeconds(i), home, "openai-python/1.54." + i)).isEmpty();
        }
        List<SharingSignal> signals = clients.observe("key_j", T0.plusSeconds(30), home, "Mozilla/5.0 (X11; Linux x86_64)");
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SharingSignalKind.CLIENT_CHANGE);
            assertThat(s.evidence()).containsEntry("previous_client", "openai-python").containsEntry("client", "mozilla")
                    .containsEntry("previous_requests", "20");
        });
        // A client used only briefly is no baseline.
        for (int i = 0; i < 3; i++) {
            clients.observe("key_k", T0.plusSeconds(i), home, "curl/8.5.0");
        }
        assertThat(clients.observe("key_k", T0.plusSeconds(10), home, "python-requests/2.32")).isEmpty();
    }

    @Test
    void theActionOfEachKindIsConfigurable() {
        CredentialSharingMonitor suspending = CredentialSharingMonitor.forPolicy(
                SharingSettings.defaults().withAction(SharingSignalKind.IMPOSSIBLE_TRAVEL, SharingAction.SUSPEND_KEY), US_EXPORT);
        suspending.observe("key_l", T0, from("US", "8.8.8.8", Network.RESIDENTIAL), null);
        assertThat(suspending.observe("key_l", T0.plusSeconds(60), from("JP", "1.0.16.1", Network.RESIDENTIAL), null))
                .filteredOn(s -> s.kind() == SharingSignalKind.IMPOSSIBLE_TRAVEL).singleElement()
                .extracting(SharingSignal::action).isEqualTo(SharingAction.SUSPEND_KEY);
    }

    @Test
    void memoryIsBoundedByTheNumberOfKeys() {
        SharingSettings small = new SharingSettings(Duration.ofHours(1), 4, 3, Duration.ofMinutes(10), 1000, 1000, 1000, 20,
                Duration.ofMinutes(15), java.util.Map.of(), 64, 8);
        CredentialSharingMonitor bounded = new CredentialSharingMonitor(small, CountryCentroids.bundled(), location -> List.of());
        for (int i = 0; i < 5_000; i++) {
            for (int j = 0; j < 10; j++) {
                bounded.observe("key_" + i, T0.plusSeconds(j), from("US", "8.8.8.8", Network.RESIDENTIAL), "x");
            }
        }
        assertThat(bounded.trackedKeys()).isLessThanOrEqualTo(64);
    }

    @Property(tries = 200)
    void aKeyUsedFromOneCountryNeverLooksShared(@ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 100_000) Integer> gapsSeconds) {
        CredentialSharingMonitor fresh = CredentialSharingMonitor.forPolicy(SharingSettings.defaults(), US_EXPORT);
        Instant time = T0;
        List<SharingSignal> all = new ArrayList<>();
        for (int gap : gapsSeconds) {
            time = time.plusSeconds(gap);
            all.addAll(fresh.observe("key", time, from("DE", "5.62.56.1", Network.RESIDENTIAL), "openai-python/1.0"));
        }
        assertThat(all).isEmpty();
    }
}
