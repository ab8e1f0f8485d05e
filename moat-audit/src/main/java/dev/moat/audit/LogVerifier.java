package dev.moat.audit;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an auditor runs against a log it does not trust, trusting only the log's public key. It
 * <ol>
 *   <li>checks the checkpoint's signature and syntax;</li>
 *   <li>with a state file, refuses a rollback (a smaller tree than verified before) or a fork (same size,
 *       other root), and later checks the log's consistency proof from the verified checkpoint;</li>
 *   <li>recomputes the whole tree from the entries and compares its root with the checkpoint, naming the first
 *       entry that disagrees with the log's own hash tiles when they differ;</li>
 *   <li>compares every hash tile with the recomputed tree, naming the tile and position that differ;</li>
 *   <li>checks the log's inclusion proofs for its first, middle and last entries;</li>
 *   <li>then records the verified checkpoint in the state file (atomically), for the next run.</li>
 * </ol>
 * Holds the recomputed tree in memory: about 64 bytes per entry. Not thread-safe; one run per instance.
 */
public final class LogVerifier {
    private static final int ENTRIES_PER_REQUEST = 4096;

    private final LogSource source;
    private final NoteVerifier key;

    public LogVerifier(LogSource source, NoteVerifier key) {
        if (key.type() != NoteVerifier.ED25519) {
            throw new IllegalArgumentException("the log key must be an Ed25519 (type 0x01) verifier key, not " + key);
        }
        this.source = source;
        this.key = key;
    }

    /**
     * Verifies the log. With {@code stateFile}, proves consistency with the checkpoint recorded there (if the
     * file exists) and records the newly verified one.
     *
     * @throws LogVerificationException naming what is wrong
     */
    public VerifiedCheckpoint verify(Optional<Path> stateFile) {
        SignedNote note = verifiedNote(source.checkpoint(), "checkpoint from " + source.location());
        Checkpoint checkpoint = parse(note, "checkpoint from " + source.location());
        Optional<Checkpoint> previous = stateFile.flatMap(this::readState);
        previous.ifPresent(old -> refuseRollbackOrFork(old, checkpoint));

        MerkleTree tree = recompute(checkpoint.size());
        byte[] root = tree.root();
        if (!MessageDigest.isEqual(root, checkpoint.root())) {
            throw new LogVerificationException(locateRootMismatch(tree, checkpoint));
        }
        compareTiles(tree, checkpoint.size());
        checkInclusionProofs(tree, checkpoint);
        previous.ifPresent(old -> checkConsistency(tree, old, checkpoint));
        stateFile.ifPresent(file -> TileFiles.writeAtomically(file, note.toBytes()));
        return new VerifiedCheckpoint(checkpoint,
                previous.map(old -> OptionalLong.of(old.size())).orElse(OptionalLong.empty()));
    }

    private SignedNote verifiedNote(byte[] bytes, String what) {
        try {
            SignedNote note = SignedNote.parse(bytes);
            note.verify(List.of(key));
            return note;
        } catch (InvalidNoteException e) {
            throw new LogVerificationException(what + " does not verify with key " + key + ": " + e.getMessage(), e);
        }
    }

    private static Checkpoint parse(SignedNote note, String what) {
        try {
            return Checkpoint.parse(note.text());
        } catch (InvalidNoteException e) {
            throw new LogVerificationException(what + " is signed but is not a valid checkpoint: " + e.getMessage(), e);
        }
    }

    private Optional<Checkpoint> readState(Path file) {
        return TileFiles.readFile(file).map(bytes -> {
            String what = "the checkpoint recorded in the state file " + file;
            return parse(verifiedNote(bytes, what), what);
        });
    }

    private static void refuseRollbackOrFork(Checkpoint old, Checkpoint current) {
        if (!old.origin().equals(current.origin())) {
            throw new LogVerificationException("the state file records log '" + old.origin() + "' but this log is '"
                    + current.origin() + "'; use one state file per log");
        }
        if (current.size() < old.size()) {
            throw new LogVerificationException("rollback: the log's checkpoint has " + current.size()
                    + " entries but a checkpoint with " + old.size() + " entries was verified before");
        }
        if (current.size() == old.size() && !MessageDigest.isEqual(current.root(), old.root())) {
            throw new LogVerificationException("fork: the log's checkpoint for size " + current.size() + " has root "
                    + current.rootHex() + " but root " + old.rootHex() + " was verified before for the same size");
        }
    }

    private MerkleTree recompute(long size) {
        MerkleTree tree = new MerkleTree();
        for (long start = 0; start < size; start += ENTRIES_PER_REQUEST) {
            long end = Math.min(size, start + ENTRIES_PER_REQUEST);
            List<byte[]> entries = source.entries(start, end);
            if (entries.size() != end - start) {
                throw new LogVerificationException("entries [" + start + ", " + end + ") from " + source.location()
                        + ": got " + entries.size() + " entries (expected: " + (end - start)
                        + "); the log is truncated");
            }
            entries.forEach(tree::appendData);
        }
        return tree;
    }

    /** The entries' root differs from the checkpoint: find the first entry its own level-0 tile disagrees with. */
    private String locateRootMismatch(MerkleTree tree, Checkpoint checkpoint) {
        long size = checkpoint.size();
        for (long tileIndex = 0; tileIndex << 8 < size; tileIndex++) {
            int width = (int) Math.min(TilePath.FULL_WIDTH, size - (tileIndex << 8));
            TilePath path = TilePath.hashTile(0, tileIndex, width);
            Optional<byte[]> tile = source.tile(path).or(() -> source.tile(path.full()));
            if (tile.isEmpty()) {
                continue;
            }
            for (int i = 0; i < width && (i + 1) * TreeHasher.HASH_SIZE <= tile.get().length; i++) {
                long index = (tileIndex << 8) + i;
                byte[] stored = Arrays.copyOfRange(tile.get(), i * TreeHasher.HASH_SIZE, (i + 1) * TreeHasher.HASH_SIZE);
                if (!MessageDigest.isEqual(stored, tree.node(0, index))) {
                    return "entry " + index + " (in " + TilePath.entryBundle(index >>> 8, Math.min(TilePath.FULL_WIDTH,
                            (int) (size - (index & ~0xFFL)))) + ") does not match its leaf hash in " + path
                            + ", and the entries do not reproduce the checkpoint's root: the entry was altered, "
                            + "replaced or moved";
                }
            }
        }
        return "the " + size + " entries give root " + hex(tree.root()) + " but the signed checkpoint says "
                + checkpoint.rootHex() + ", and the hash tiles agree with the entries: entries and tiles were"
                + " altered together";
    }

    private void compareTiles(MerkleTree tree, long size) {
        for (int level = 0; LogState.nodesAtTileLevel(size, level) > 0; level++) {
            long count = LogState.nodesAtTileLevel(size, level);
            for (long tileIndex = 0; tileIndex << 8 < count; tileIndex++) {
                int width = (int) Math.min(TilePath.FULL_WIDTH, count - (tileIndex << 8));
                TilePath path = TilePath.hashTile(level, tileIndex, width);
                // A log may delete a partial tile once the full one exists; the full tile then holds the same prefix.
                Optional<byte[]> exact = source.tile(path);
                byte[] stored = exact.or(() -> path.isPartial() ? source.tile(path.full()) : Optional.empty())
                        .orElseThrow(() -> new LogVerificationException("hash tile " + path + " is missing from "
                                + source.location()));
                int expectedLength = (exact.isPresent() ? width : TilePath.FULL_WIDTH) * TreeHasher.HASH_SIZE;
                if (stored.length != expectedLength) {
                    throw new LogVerificationException("hash tile " + path + " is " + stored.length
                            + " bytes (expected: " + expectedLength + ")");
                }
                for (int i = 0; i < width; i++) {
                    byte[] expected = tree.node(8 * level, (tileIndex << 8) + i);
                    byte[] actual = Arrays.copyOfRange(stored, i * TreeHasher.HASH_SIZE, (i + 1) * TreeHasher.HASH_SIZE);
                    if (!MessageDigest.isEqual(expected, actual)) {
                        throw new LogVerificationException("hash tile " + path + " is corrupt: hash " + i + " is "
                                + hex(actual) + " but the entries give " + hex(expected));
                    }
                }
            }
        }
    }

    private void checkInclusionProofs(MerkleTree tree, Checkpoint checkpoint) {
        long size = checkpoint.size();
        for (long index : size == 0 ? new long[0] : new long[] {0, size / 2, size - 1}) {
            try {
                List<byte[]> proof = source.inclusionProof(index, size);
                ProofVerifier.verifyInclusion(index, size, tree.node(0, index), proof, checkpoint.root());
            } catch (InvalidProofException | IllegalArgumentException e) {
                throw new LogVerificationException("inclusion proof for entry " + index + " in tree size " + size
                        + " from " + source.location() + " is invalid: " + e.getMessage(), e);
            }
        }
    }

    private void checkConsistency(MerkleTree tree, Checkpoint old, Checkpoint current) {
        if (old.size() == 0 || old.size() == current.size()) {
            return;
        }
        if (!MessageDigest.isEqual(tree.root(old.size()), old.root())) {
            throw new LogVerificationException("fork: the first " + old.size() + " entries now give root "
                    + hex(tree.root(old.size())) + " but root " + old.rootHex() + " was verified before");
        }
        try {
            List<byte[]> proof = source.consistencyProof(old.size(), current.size());
            ProofVerifier.verifyConsistency(old.size(), current.size(), proof, old.root(), current.root());
        } catch (InvalidProofException | IllegalArgumentException e) {
            throw new LogVerificationException("consistency proof from the verified size " + old.size() + " to "
                    + current.size() + " from " + source.location() + " is invalid: " + e.getMessage(), e);
        }
    }

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
