package dev.moat.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final List<String> CLASSIC_LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    private static final List<String> CLASSIC_ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void rootsOfTheClassicEightLeavesMatchTheKnownValues() {
        MerkleTree tree = new MerkleTree();
        assertThat(HEX.formatHex(tree.root())).isEqualTo(CLASSIC_ROOTS.getFirst());
        for (int n = 1; n <= 8; n++) {
            tree.appendData(HEX.parseHex(CLASSIC_LEAVES.get(n - 1)));
            assertThat(HEX.formatHex(tree.root())).as("root of %d leaves", n).isEqualTo(CLASSIC_ROOTS.get(n));
        }
        for (int n = 0; n <= 8; n++) {
            assertThat(HEX.formatHex(tree.root(n))).as("historical root of %d leaves", n).isEqualTo(CLASSIC_ROOTS.get(n));
        }
    }

    @Property(tries = 200)
    void rootsAndProofsAgreeWithTheRfcDefinitions(@ForAll("treesWithTwoSizesAndAnIndex") TreeCase tree) {
        MerkleTree fast = new MerkleTree();
        tree.leaves().forEach(fast::appendData);
        List<byte[]> prefix = tree.leaves().subList(0, tree.size());
        byte[] root = ReferenceMerkle.mth(prefix);

        assertThat(fast.root(tree.size())).isEqualTo(root);
        List<byte[]> inclusion = fast.inclusionProof(tree.index(), tree.size());
        assertThat(inclusion).containsExactlyElementsOf(ReferenceMerkle.path(tree.index(), prefix));
        ProofVerifier.verifyInclusion(tree.index(), tree.size(),
                TreeHasher.leafHash(prefix.get(tree.index())), inclusion, root);

        List<byte[]> consistency = fast.consistencyProof(tree.oldSize(), tree.size());
        assertThat(consistency).containsExactlyElementsOf(ReferenceMerkle.proof(tree.oldSize(), prefix));
        ProofVerifier.verifyConsistency(tree.oldSize(), tree.size(), consistency,
                ReferenceMerkle.mth(prefix.subList(0, tree.oldSize())), root);
    }

    @Property(tries = 200)
    void aProofForAnotherLeafOrSizeIsRejected(@ForAll("treesWithTwoSizesAndAnIndex") TreeCase tree) {
        MerkleTree fast = new MerkleTree();
        tree.leaves().forEach(fast::appendData);
        byte[] root = fast.root(tree.size());
        List<byte[]> inclusion = fast.inclusionProof(tree.index(), tree.size());
        byte[] otherLeaf = TreeHasher.leafHash(("not leaf " + tree.index()).getBytes());
        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(tree.index(), tree.size(), otherLeaf, inclusion, root))
                .isInstanceOf(InvalidProofException.class);
        if (tree.oldSize() < tree.size()) {
            List<byte[]> consistency = fast.consistencyProof(tree.oldSize(), tree.size());
            byte[] wrongOldRoot = fast.root(tree.oldSize() - 1 == 0 ? tree.size() : tree.oldSize() - 1);
            assertThatThrownBy(() -> ProofVerifier.verifyConsistency(tree.oldSize(), tree.size(), consistency,
                    wrongOldRoot, root)).isInstanceOf(InvalidProofException.class);
        }
    }

    @Test
    void proofsOutsideTheTreeAreRefusedWithTheExpectedRange() {
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < 5; i++) {
            tree.appendData(new byte[] {(byte) i});
        }
        assertThatThrownBy(() -> tree.inclusionProof(5, 5)).hasMessageContaining("expected: 0 <= index < size");
        assertThatThrownBy(() -> tree.consistencyProof(0, 5)).hasMessageContaining("expected: 0 < old <= size");
        assertThatThrownBy(() -> tree.root(6)).hasMessageContaining("expected: 0 <= size <= 5");
        assertThat(tree.consistencyProof(5, 5)).isEmpty();
    }

    record TreeCase(List<byte[]> leaves, int size, int oldSize, int index) {
        @Override
        public String toString() {
            return "tree of " + leaves.size() + " leaves, size " + size + ", old " + oldSize + ", index " + index;
        }
    }

    @Provide
    Arbitrary<TreeCase> treesWithTwoSizesAndAnIndex() {
        Arbitrary<List<byte[]>> leaves = Arbitraries.bytes().array(byte[].class).ofMaxSize(12)
                .list().ofMinSize(1).ofMaxSize(300);
        return leaves.flatMap(list -> Arbitraries.integers().between(1, list.size()).flatMap(size ->
                Combinators.combine(Arbitraries.integers().between(1, size), Arbitraries.integers().between(0, size - 1))
                        .as((old, index) -> new TreeCase(new ArrayList<>(list), size, old, index))));
    }
}
