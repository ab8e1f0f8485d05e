package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkPrefixTest {

    @Test
    void ipv6PrefixesAreExpandedBeforeCutting() {
        assertThat(NetworkPrefix.ipv6Prefix48("2001:db8::1")).isEqualTo("2001:db8:0");
        assertThat(NetworkPrefix.ipv6Prefix48("2001:0db8:00ab:1::7")).isEqualTo("2001:db8:ab");
        assertThat(NetworkPrefix.ipv6Prefix48("2001::ab:1:2:3:4:5")).isEqualTo("2001:0:ab");
        assertThat(NetworkPrefix.ipv6Prefix48("::1")).isEqualTo("0:0:0");
        assertThat(NetworkPrefix.ipv6Prefix48("fe80::1%eth0")).isEqualTo("fe80:0:0");
    }

    @Test
    void addressesInOnePrefixShareItsHash() {
        assertThat(NetworkPrefix.hash("203.0.113.7")).isEqualTo(NetworkPrefix.hash("203.0.113.250"));
        assertThat(NetworkPrefix.hash("203.0.113.7")).isNotEqualTo(NetworkPrefix.hash("203.0.114.7"));
        assertThat(NetworkPrefix.hash("2001:db8:1:2::1")).isEqualTo(NetworkPrefix.hash("2001:db8:1:ffff::9"));
        assertThat(NetworkPrefix.hash("")).isZero();
    }
}
