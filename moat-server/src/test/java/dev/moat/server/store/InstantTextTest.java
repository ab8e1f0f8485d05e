package dev.moat.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The usage store's and the audit trail's text of an instant is {@link Instant#toString()}'s, character for character. */
class InstantTextTest {

    @Property(tries = 5000)
    void writesWhatToStringWrites(@ForAll("instants") Instant at) {
        assertThat(InstantText.of(at)).isEqualTo(at.toString());
        assertThat(InstantText.day(InstantText.of(at))).isEqualTo(at.atZone(ZoneOffset.UTC).toLocalDate().toString());
    }

    @Test
    void edges() {
        for (Instant at : new Instant[] {Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("0000-01-01T00:00:00Z").minusNanos(1), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1), Instant.parse("2000-02-29T12:00:00.5Z"),
                Instant.parse("1900-03-01T00:00:00.000001Z"), Instant.parse("1969-12-31T23:59:59.000000001Z"), Instant.now()}) {
            assertThat(InstantText.of(at)).isEqualTo(at.toString());
            if (at != Instant.MIN && at != Instant.MAX) { // beyond LocalDate's range
                assertThat(InstantText.day(InstantText.of(at))).isEqualTo(at.atZone(ZoneOffset.UTC).toLocalDate().toString());
            }
        }
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.oneOf(
                Arbitraries.longs().between(-62_167_219_200L - 86_400, 253_402_300_800L + 86_400),
                Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(
                Arbitraries.just(0),
                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
        return net.jqwik.api.Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }
}
