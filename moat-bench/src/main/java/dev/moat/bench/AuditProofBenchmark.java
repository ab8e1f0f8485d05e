package dev.moat.bench;

import dev.moat.audit.MerkleTree;
import dev.moat.audit.ProofVerifier;
import dev.moat.audit.TreeHasher;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Proofs over a tree of 10 million entries (built once per fork; about 650 MB of heap): an inclusion proof for
 * a random entry at the full size, a consistency proof from a random earlier size, and verifying an inclusion
 * proof as an auditor does. The size is deliberately not a power of two, so the right edge is ragged.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class AuditProofBenchmark {
    private static final long SIZE = 10_000_000L + 12_345;

    private MerkleTree tree;
    private byte[] root;
    private long[] indices;
    private List<byte[]>[] proofs;
    private int cursor;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void buildTree() {
        tree = new MerkleTree();
        ByteBuffer data = ByteBuffer.allocate(Long.BYTES);
        for (long i = 0; i < SIZE; i++) {
            tree.appendData(data.putLong(0, i).array());
        }
        root = tree.root();
        SplittableRandom random = new SplittableRandom(6962);
        indices = new long[1024];
        proofs = new List[indices.length];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = random.nextLong(SIZE);
            proofs[i] = tree.inclusionProof(indices[i], SIZE);
        }
    }

    private int next() {
        cursor = (cursor + 1) & (indices.length - 1);
        return cursor;
    }

    @Benchmark
    public List<byte[]> inclusionProof() {
        return tree.inclusionProof(indices[next()], SIZE);
    }

    @Benchmark
    public List<byte[]> consistencyProof() {
        return tree.consistencyProof(1 + indices[next()], SIZE);
    }

    @Benchmark
    public byte[] verifyInclusionProof() {
        int i = next();
        byte[] leaf = TreeHasher.leafHash(ByteBuffer.allocate(Long.BYTES).putLong(indices[i]).array());
        ProofVerifier.verifyInclusion(indices[i], SIZE, leaf, proofs[i], root);
        return leaf;
    }
}
