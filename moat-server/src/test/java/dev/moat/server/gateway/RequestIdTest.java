package dev.moat.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Request ids (and the event ids made from them) start with the time, so that the store's unique indexes on
 * them grow at their right edge; this is what made the usage writer cheap (docs/benchmarks.md, fix 9).
 */
class RequestIdTest {

    @Test
    void idsMadeLaterSortAfterIdsMadeEarlier() throws InterruptedException {
        String earlier = GatewayServer.newRequestId();
        Thread.sleep(5);
        String later = GatewayServer.newRequestId();

        assertThat(earlier).startsWith("req_");
        assertThat(timePart(later)).isGreaterThan(timePart(earlier));
        assertThat(later.compareTo(earlier)).isPositive();
    }

    @Test
    void idsAreUniqueWithinOneMillisecond() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(ids.add(GatewayServer.newRequestId())).isTrue();
        }
    }

    @Property(tries = 2000)
    void base36DigitsAreThoseOfTheJdk(@ForAll long value) {
        StringBuilder digits = new StringBuilder();
        GatewayServer.appendUnsignedBase36(digits, value);
        assertThat(digits.toString()).isEqualTo(Long.toUnsignedString(value, 36));
    }

    @Test
    void base36DigitsAtTheEdges() {
        for (long value : new long[] {0, 1, 35, 36, Long.MAX_VALUE, Long.MIN_VALUE, -1, -36, System.currentTimeMillis()}) {
            StringBuilder digits = new StringBuilder();
            GatewayServer.appendUnsignedBase36(digits, value);
            assertThat(digits.toString()).isEqualTo(Long.toUnsignedString(value, 36));
        }
    }

    /** The 8 base-36 digits of the milliseconds (8 digits from 1997 until 2059). */
    private static String timePart(String id) {
        return id.substring(4, 12);
    }
}
