package dev.moat.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "203.0.113.7, 203.0.113.7",
            "::, ::",
            "::1, ::1",
            "2001:DB8::1, 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "fe80:0:0:0:0:0:0:0, fe80::",
            "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
            "::ffff:192.0.2.1, 192.0.2.1",
            "::ffff:c000:201, 192.0.2.1",
            "64:ff9b::192.0.2.1, 64:ff9b::c000:201",
    })
    void parsesLiteralsToCanonicalText(String text, String canonical) {
        assertThat(IpAddress.parse(text)).map(IpAddress::toString).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
            "1.2.3.4:80", "1..2.3", "1.2.3.-4", ":::", "1:::2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "::ffff:1.2.3",
            "fe80::1%eth0", "[::1]", "1:2:3:4:5:6:7::8:9", ":1:2", "1:2:", "g::1", "203.0.113.7,10.0.0.1", "unknown"})
    void rejectsAnythingThatIsNotALiteral(String text) {
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    @Property
    void ipv4TextRoundTripsAndAgreesWithTheJdk(@ForAll int bits) throws Exception {
        IpAddress address = IpAddress.ofIpv4(bits);
        assertThat(IpAddress.parse(address.toString())).contains(address);
        assertThat(InetAddress.getByName(address.toString()).getAddress()).isEqualTo(address.toInetAddress().getAddress());
    }

    @Property
    void ipv6TextRoundTripsAndAgreesWithTheJdk(@ForAll long high, @ForAll long low) throws Exception {
        IpAddress address = IpAddress.ofIpv6(high, low);
        assertThat(IpAddress.parse(address.toString())).contains(address);
        assertThat(IpAddress.of(InetAddress.getByName(address.toString()))).isEqualTo(address);
    }

    @Property
    void maskingKeepsExactlyThePrefixBits(@ForAll long high, @ForAll long low, @ForAll @net.jqwik.api.constraints.IntRange(max = 128) int length) {
        IpAddress address = IpAddress.ofIpv6(high, low);
        if (address.ipv4()) {
            return;
        }
        IpAddress masked = address.masked(length);
        for (int i = 0; i < 128; i++) {
            assertThat(masked.bit(i)).isEqualTo(i < length ? address.bit(i) : 0);
        }
    }
}
