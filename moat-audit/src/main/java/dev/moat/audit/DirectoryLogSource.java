package dev.moat.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a log directory written by {@link TransparencyLog} (or copied from one, or mirrored from its tiles)
 * for offline verification. Proofs are computed from the directory's own tiles for the tree size asked for.
 */
public final class DirectoryLogSource implements LogSource {
    private final TileFiles files;

    public DirectoryLogSource(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new LogVerificationException("log directory " + directory + " does not exist or is not a directory");
        }
        this.files = new TileFiles(directory);
    }

    /**
     * The verifier key of the log's own signing key file, if the directory has one. Trusting it only shows the
     * directory is self-consistent; an auditor should compare it with the key the operator published.
     */
    public Optional<NoteVerifier> localVerifierKey() {
        Path keyFile = files.root().resolve(SigningKeyFile.FILE_NAME);
        return TileFiles.readFile(keyFile).map(bytes -> {
            try {
                return NoteSigner.parse(new String(bytes, StandardCharsets.UTF_8)).verifier();
            } catch (InvalidNoteException e) {
                throw new LogVerificationException("the signing key file " + keyFile + " is malformed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public byte[] checkpoint() {
        Path file = files.root().resolve(TransparencyLog.CHECKPOINT_FILE);
        return TileFiles.readFile(file).orElseThrow(() -> new LogVerificationException("checkpoint " + file + " is missing"));
    }

    @Override
    public Optional<byte[]> tile(TilePath path) {
        return files.read(path);
    }

    @Override
    public List<byte[]> entries(long start, long end) {
        List<byte[]> result = new ArrayList<>();
        for (long bundle = start >>> 8; start < end && bundle <= (end - 1) >>> 8; bundle++) {
            long first = bundle << 8;
            int width = (int) Math.min(TilePath.FULL_WIDTH, end - first);
            List<byte[]> entries = readBundle(bundle, width);
            for (int i = 0; i < width; i++) {
                if (first + i >= start) {
                    result.add(entries.get(i));
                }
            }
        }
        return result;
    }

    /** A bundle with at least {@code width} entries: the full one if present, else the partial of that width. */
    private List<byte[]> readBundle(long index, int width) {
        TilePath full = TilePath.entryBundle(index, TilePath.FULL_WIDTH);
        TilePath path = width == TilePath.FULL_WIDTH || Files.exists(files.pathOf(full)) ? full
                : TilePath.entryBundle(index, width);
        byte[] bytes = files.read(path).orElseThrow(() -> new LogVerificationException("entry bundle " + path
                + " is missing from " + location() + ": the log is truncated"));
        List<byte[]> entries;
        try {
            entries = EntryBundle.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new LogVerificationException("entry bundle " + path + " is damaged or truncated: " + e.getMessage());
        }
        if (entries.size() < width || (path.isPartial() && entries.size() != width)
                || (!path.isPartial() && entries.size() != TilePath.FULL_WIDTH)) {
            throw new LogVerificationException("entry bundle " + path + " holds " + entries.size()
                    + " entries (expected: " + path.width() + "): the log is truncated or padded");
        }
        return entries;
    }

    @Override
    public List<byte[]> inclusionProof(long index, long treeSize) {
        return MerkleProofs.inclusion(nodes(treeSize), index, treeSize);
    }

    @Override
    public List<byte[]> consistencyProof(long oldSize, long treeSize) {
        return MerkleProofs.consistency(nodes(treeSize), oldSize, treeSize);
    }

    private NodeReader nodes(long treeSize) {
        return new TiledNodes((level, index) -> {
            long count = LogState.nodesAtTileLevel(treeSize, level);
            TilePath full = TilePath.hashTile(level, index, TilePath.FULL_WIDTH);
            Optional<byte[]> bytes = files.read(full);
            if (bytes.isEmpty() && index == count >>> 8 && (count & 0xFF) > 0) {
                bytes = files.read(TilePath.hashTile(level, index, (int) (count & 0xFF)));
            }
            return TileTree.of(bytes.orElseThrow(() -> new LogVerificationException("hash tile " + full
                    + " (or its partial) is missing from " + location())));
        });
    }

    @Override
    public String location() {
        return files.root().toString();
    }
}
