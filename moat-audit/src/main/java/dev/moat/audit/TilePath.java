package dev.moat.audit;

import java.util.regex.Pattern;

/**
 * A resource of the C2SP tlog-tiles layout: a hash tile {@code tile/<L>/<N>[.p/<W>]} or an entry bundle
 * {@code tile/entries/<N>[.p/<W>]}. The index N is written in 3-digit groups, all but the last prefixed with
 * {@code x} (1234067 is {@code x001/x234/067}); a width below 256 marks a partial tile.
 *
 * @param level tile level for hash tiles (0 holds leaf hashes), or {@link #ENTRIES} for an entry bundle
 * @param index tile index within its level
 * @param width number of hashes or entries, 1 to 256
 */
public record TilePath(int level, long index, int width) {
    /** Hashes or entries in a full tile. */
    public static final int FULL_WIDTH = 256;
    /** The pseudo-level of entry bundles. */
    public static final int ENTRIES = -1;
    /** Tile levels allowed by the specification. */
    public static final int MAX_LEVEL = 63;

    private static final Pattern SYNTAX =
            Pattern.compile("tile/(entries|0|[1-9][0-9]?)/((?:x[0-9]{3}/)*[0-9]{3})(?:\\.p/([1-9][0-9]{0,2}))?");

    public TilePath {
        if (level < ENTRIES || level > MAX_LEVEL) {
            throw new IllegalArgumentException("tile level " + level + " (expected: entries or 0.." + MAX_LEVEL + ")");
        }
        if (index < 0) {
            throw new IllegalArgumentException("tile index " + index + " (expected: >= 0)");
        }
        if (width < 1 || width > FULL_WIDTH) {
            throw new IllegalArgumentException("tile width " + width + " (expected: 1.." + FULL_WIDTH + ")");
        }
    }

    public static TilePath hashTile(int level, long index, int width) {
        if (level < 0) {
            throw new IllegalArgumentException("hash tile level " + level + " (expected: >= 0)");
        }
        return new TilePath(level, index, width);
    }

    public static TilePath entryBundle(long index, int width) {
        return new TilePath(ENTRIES, index, width);
    }

    /**
     * Parses a path such as {@code tile/0/x001/234.p/5} or {@code tile/entries/000}.
     *
     * @throws IllegalArgumentException when the path is not in the tlog-tiles syntax (nothing else is served)
     */
    public static TilePath parse(String path) {
        var match = SYNTAX.matcher(path);
        if (!match.matches()) {
            throw new IllegalArgumentException("'" + path + "' is not a tlog-tiles path (expected: tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>])");
        }
        int level = match.group(1).equals("entries") ? ENTRIES : Integer.parseInt(match.group(1));
        String digits = match.group(2).replace("x", "").replace("/", "");
        if (digits.length() > 18) {
            throw new IllegalArgumentException("tile index in '" + path + "' is too large");
        }
        int width = match.group(3) == null ? FULL_WIDTH : Integer.parseInt(match.group(3));
        if (match.group(3) != null && width >= FULL_WIDTH) {
            throw new IllegalArgumentException("partial tile width in '" + path + "' must be 1..255");
        }
        TilePath parsed = new TilePath(level, Long.parseLong(digits), width);
        if (!parsed.toString().equals(path)) {
            throw new IllegalArgumentException("'" + path + "' is not the canonical form of " + parsed);
        }
        return parsed;
    }

    public boolean isEntryBundle() {
        return level == ENTRIES;
    }

    public boolean isPartial() {
        return width < FULL_WIDTH;
    }

    /** The same tile at full width. */
    public TilePath full() {
        return new TilePath(level, index, FULL_WIDTH);
    }

    @Override
    public String toString() {
        StringBuilder path = new StringBuilder("tile/").append(level == ENTRIES ? "entries" : Integer.toString(level))
                .append('/');
        String digits = Long.toString(index);
        int groups = (digits.length() + 2) / 3;
        String padded = "0".repeat(groups * 3 - digits.length()) + digits;
        for (int group = 0; group < groups; group++) {
            if (group < groups - 1) {
                path.append('x');
            }
            path.append(padded, group * 3, group * 3 + 3);
            if (group < groups - 1) {
                path.append('/');
            }
        }
        if (isPartial()) {
            path.append(".p/").append(width);
        }
        return path.toString();
    }
}
