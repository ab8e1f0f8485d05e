package dev.moat.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    private final ClientAddressResolver resolver = ClientAddressResolver.fromSettings(List.of("10.0.0.0/8", "2001:db8:ffff::/48"));

    private String resolve(String peer, String... headers) {
        return resolver.resolve(peer, List.of(headers)).toString();
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItsHeadersSay() {
        assertThat(resolve("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(resolve("203.0.113.7", "10.0.0.1")).isEqualTo("203.0.113.7");
        assertThat(resolve("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void behindOneTrustedProxyTheRightMostEntryIsTheClient() {
        assertThat(resolve("10.0.0.2", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(resolve("2001:db8:ffff::5", "2a02:6b8::1")).isEqualTo("2a02:6b8::1");
    }

    @Test
    void trustedHopsAreSkippedAcrossEntriesAndHeaders() {
        assertThat(resolve("10.0.0.2", "198.51.100.1, 10.0.0.9, 10.1.1.1")).isEqualTo("198.51.100.1");
        assertThat(resolve("10.0.0.2", "198.51.100.1", "10.0.0.9,10.1.1.1")).isEqualTo("198.51.100.1");
        assertThat(resolve("10.0.0.2", "198.51.100.1, 2001:db8:ffff::1")).isEqualTo("198.51.100.1");
    }

    @Test
    void addressesTheClientWroteItselfAreIgnored() {
        // The client sent "X-Forwarded-For: 8.8.8.8"; our proxy appended the real address.
        assertThat(resolve("10.0.0.2", "8.8.8.8, 175.45.176.1")).isEqualTo("175.45.176.1");
        // The client pretends to be one of our proxies: still only the right-most untrusted entry counts.
        assertThat(resolve("10.0.0.2", "10.0.0.3, 175.45.176.1")).isEqualTo("175.45.176.1");
        assertThat(resolve("10.0.0.2", "8.8.8.8", "175.45.176.1")).isEqualTo("175.45.176.1");
    }

    @Test
    void garbageStopsTheWalkAtTheLastHopWeCanVouchFor() {
        assertThat(resolve("10.0.0.2", "1.2.3.4, <script>")).isEqualTo("10.0.0.2");
        assertThat(resolve("10.0.0.2", "unknown, 10.0.0.7")).isEqualTo("10.0.0.7");
        assertThat(resolve("10.0.0.2", "evil.example, 10.0.0.7")).isEqualTo("10.0.0.7");
        assertThat(resolve("10.0.0.2", "   ,  , 198.51.100.4,")).isEqualTo("198.51.100.4");
        assertThat(resolve("10.0.0.2", "")).isEqualTo("10.0.0.2");
    }

    @Test
    void portsAreStripped() {
        assertThat(resolve("10.0.0.2", "198.51.100.1:4711")).isEqualTo("198.51.100.1");
        assertThat(resolve("10.0.0.2", "[2a02:6b8::1]:443")).isEqualTo("2a02:6b8::1");
        assertThat(resolve("10.0.0.2", "2a02:6b8::1")).isEqualTo("2a02:6b8::1");
    }

    @Test
    void onlyTrustedHopsMeansTheLeftMostOfThem() {
        assertThat(resolve("10.0.0.2", "10.0.0.5, 10.0.0.4")).isEqualTo("10.0.0.5");
    }

    @Test
    void rejectsASettingThatIsNotARange() {
        assertThatThrownBy(() -> ClientAddressResolver.fromSettings(List.of("10.0.0.0/8", "proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'proxy.internal'");
    }

    @Property(tries = 300)
    void anUntrustedPeerCanNeverBeOverriddenByHeaders(@ForAll int peerBits, @ForAll List<String> headers) {
        IpAddress peer = IpAddress.ofIpv4(peerBits);
        if (resolver.isTrustedProxy(peer)) {
            return;
        }
        assertThat(resolver.resolve(peer, headers)).isEqualTo(peer);
    }

    @Property(tries = 300)
    void behindATrustedProxyWhateverTheClientWroteTheAppendedAddressWins(@ForAll int client, @ForAll List<String> spoofed) {
        IpAddress appended = IpAddress.ofIpv4(client);
        if (resolver.isTrustedProxy(appended)) {
            return;
        }
        List<String> headers = new java.util.ArrayList<>(spoofed);
        headers.add(appended.toString());
        assertThat(resolver.resolve(IpAddress.parseOrThrow("10.0.0.2"), headers)).isEqualTo(appended);
    }
}
