package dev.moat.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SseSplitterTest {

    private static final String STREAM = "event: message_start\ndata: {\"a\":\"é日本\"}\n\n"
            + "data: {\"b\":2}\r\n\r\n"
            + ": comment\ndata: line one\ndata: line two\n\n"
            + "data: [DONE]\n\n";

    @Property(tries = 300)
    void eventsAreTheSameHoweverTheBytesAreCut(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int maxChunk) {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(seed);
        SseSplitter splitter = new SseSplitter(1 << 20);
        List<String> events = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int length = Math.min(bytes.length - at, 1 + random.nextInt(maxChunk));
            byte[] chunk = new byte[length];
            System.arraycopy(bytes, at, chunk, 0, length);
            splitter.feed(chunk, events::add);
            at += length;
        }

        assertThat(String.join("", events)).isEqualTo(STREAM);
        assertThat(events).hasSize(4);
        assertThat(SseEvent.parse(events.get(0)).name()).isEqualTo("message_start");
        assertThat(SseEvent.parse(events.get(0)).data()).isEqualTo("{\"a\":\"é日本\"}");
        assertThat(SseEvent.parse(events.get(2)).data()).isEqualTo("line one\nline two");
        assertThat(splitter.remainder()).isEmpty();
    }

    @Property(tries = 200)
    void arbitraryBytesNeverBreakIt(@ForAll byte[] garbage) {
        SseSplitter splitter = new SseSplitter(1 << 20);
        List<String> events = new ArrayList<>();

        splitter.feed(garbage, events::add);

        assertThat(events.stream().mapToInt(e -> e.getBytes(StandardCharsets.UTF_8).length).sum()).isLessThanOrEqualTo(garbage.length * 3);
    }

    @Test
    void anOversizedEventIsRefused() {
        SseSplitter splitter = new SseSplitter(100);

        assertThatThrownBy(() -> splitter.feed(("data: " + "x".repeat(200)).getBytes(StandardCharsets.UTF_8), e -> { }))
                .hasMessageContaining("larger than 100 bytes");
    }
}
