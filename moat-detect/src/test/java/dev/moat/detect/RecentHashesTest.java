package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

class RecentHashesTest {

    @Property
    void holdsExactlyTheLastOnesAdded(@ForAll @IntRange(min = 1, max = 80) int size,
                                      @ForAll @Size(max = 200) @UniqueElements List<@IntRange(min = 1) Integer> added) {
        RecentHashes recent = new RecentHashes(size);
        added.forEach(hash -> recent.add(hash));
        int kept = Math.min(size, added.size());
        for (int i = 0; i < added.size(); i++) {
            assertThat(recent.contains(added.get(i))).isEqualTo(i >= added.size() - kept);
        }
        assertThat(recent.contains(0)).isFalse();
    }
}
