package dev.moat.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CheckpointAndTilePathTest {
    private static final String ROOT = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

    @Test
    void theC2spExampleCheckpointParsesAndPrintsBack() {
        String text = "example.com/behind-the-sofa\n20852163\n" + ROOT + "\n";
        Checkpoint checkpoint = Checkpoint.parse(text);
        assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(checkpoint.size()).isEqualTo(20852163);
        assertThat(checkpoint.toText()).isEqualTo(text);
        Checkpoint extended = Checkpoint.parse(text + "extension one\n");
        assertThat(extended.extensions()).containsExactly("extension one");
        assertThat(extended.toText()).isEqualTo(text + "extension one\n");
    }

    @Test
    void malformedCheckpointsAreRejected() {
        for (String text : List.of("o\n1\n" + ROOT, "o\n01\n" + ROOT + "\n", "o\n-1\n" + ROOT + "\n",
                "o\n1\n" + ROOT.replace("=", "") + "\n", "\n1\n" + ROOT + "\n", "o\n1\n", "o\n1\n" + ROOT + "\n\n",
                "o\n99999999999999999999\n" + ROOT + "\n", "o\n1\nAAAA\n")) {
            assertThatThrownBy(() -> Checkpoint.parse(text)).as(text).isInstanceOf(InvalidNoteException.class);
        }
    }

    @Test
    void tilePathsUseTheSpecifiedEncoding() {
        assertThat(TilePath.hashTile(0, 1234067, 256)).hasToString("tile/0/x001/x234/067");
        assertThat(TilePath.hashTile(2, 0, 1)).hasToString("tile/2/000.p/1");
        assertThat(TilePath.entryBundle(1000, 17)).hasToString("tile/entries/x001/000.p/17");
        assertThat(TilePath.parse("tile/entries/x001/000.p/17")).isEqualTo(TilePath.entryBundle(1000, 17));
        assertThat(TilePath.parse("tile/1/x001/x234/067")).isEqualTo(TilePath.hashTile(1, 1234067, 256));
    }

    @Test
    void nonCanonicalOrHostilePathsAreRefused() {
        for (String path : List.of("tile/0/1", "tile/0/x000/001", "tile/00/000", "tile/0/000.p/256",
                "tile/0/000.p/0", "tile/0/000.p/007", "tile/64/000", "tile/../000", "tile/0/../../etc/passwd",
                "tile/0/001/002", "tile/entries/000/", "/tile/0/000", "tile/0/x1000/000")) {
            assertThatThrownBy(() -> TilePath.parse(path)).as(path).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property
    void everyTilePathRoundTrips(@ForAll @IntRange(min = -1, max = 63) int level,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 256) long index,
            @ForAll @IntRange(min = 1, max = 256) int width) {
        TilePath path = new TilePath(level, index, width);
        assertThat(TilePath.parse(path.toString())).isEqualTo(path);
    }
}
