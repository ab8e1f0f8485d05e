package dev.moat.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of public benchmarks an operator has registered (GSM8K's test split, MT-bench, …), recognised inside a
 * prompt whatever template surrounds them.
 *
 * <p>Why: an evaluation run sends a benchmark's items one after the other in one chain-of-thought template, often
 * with large budgets or thinking — in its events it is a reasoning-coercion campaign, and within the first few
 * hundred exchanges nothing in the traffic tells the two apart. What does is the material: a public benchmark's
 * test items are what evaluations are made of, and a harvest of them is bounded by the benchmark's size and buys
 * answers that are public already (asked again and again, they add nothing new, as with any evaluation rerun). A
 * principal whose requests that could count as harvesting are almost all registered items is therefore flagged at
 * most — visible to analysts, not queued for them — and such exchanges do not spend a review budget; fresh items
 * mixed in are judged as always.
 *
 * <p>An item is recognised by its first {@value #ANCHOR_WORDS} words (case-folded, punctuation ignored, see
 * {@link TextTokens}) and then checked over all of its words, so a template's own words around it do not matter
 * and an item that merely starts like a registered one does not match (items that open alike are all tried).
 * Items shorter than the anchor are not registered: too short to recognise without matching ordinary sentences.
 * Only the first {@value #MAX_PROMPT_WORDS} words of a prompt are searched. Immutable and thread-safe.
 */
public final class BenchmarkItems {

    /** Words an item is looked up by. */
    static final int ANCHOR_WORDS = 8;
    /**
     * Words of a prompt searched for an item, and the most an item may have: enough for a few-shot prompt whose
     * item comes after its worked examples.
     */
    private static final int MAX_PROMPT_WORDS = 4_096;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fields an item's text is read from, in order of preference ({@code turns}: its first element). */
    private static final List<String> TEXT_FIELDS = List.of("question", "prompt", "instruction", "input", "text",
            "turns");

    /** No registered benchmark: nothing is recognised. */
    public static final BenchmarkItems NONE = new BenchmarkItems(List.of());

    private final LongIntMap byAnchor;
    /** The items' first words: most positions of a prompt are passed over after one look-up. */
    private final LongIntMap firstWords;
    private final long[] wholeHashes;
    private final int[] wordCounts;
    /** For each item, the next item (plus one) that opens with the same words; 0 ends the chain. */
    private final int[] sameAnchor;
    private final int size;

    private BenchmarkItems(List<String> items) {
        byAnchor = new LongIntMap(Math.max(4, items.size()));
        firstWords = new LongIntMap(Math.max(4, items.size()));
        wholeHashes = new long[items.size()];
        wordCounts = new int[items.size()];
        sameAnchor = new int[items.size()];
        long[] words = new long[MAX_PROMPT_WORDS];
        int registered = 0;
        for (String item : items) {
            int count = TextTokens.wordHashes(item, words);
            if (count < ANCHOR_WORDS || count == MAX_PROMPT_WORDS) {
                continue;
            }
            long anchor = TextTokens.ngram(words, 0, ANCHOR_WORDS);
            firstWords.or(words[0], 1);
            wholeHashes[registered] = TextTokens.ngram(words, 0, count);
            wordCounts[registered] = count;
            int first = byAnchor.get(anchor);
            registered++;
            if (first == 0) {
                byAnchor.or(anchor, registered);
            } else {
                // items that open alike ("Which of the following …") are chained behind the first one
                int last = first - 1;
                while (sameAnchor[last] != 0) {
                    last = sameAnchor[last] - 1;
                }
                sameAnchor[last] = registered;
            }
        }
        size = registered;
    }

    /** Registers {@code items}, the texts of benchmark items. */
    public static BenchmarkItems of(List<String> items) {
        return items.isEmpty() ? NONE : new BenchmarkItems(items);
    }

    /**
     * Reads benchmark files: JSON Lines, one item per line, its text in the first of the fields {@code question},
     * {@code prompt}, {@code instruction}, {@code input}, {@code text} or {@code turns} (the first turn) that the
     * line has.
     *
     * @throws IllegalArgumentException naming the file and line when a line is not JSON or has none of the fields
     */
    public static BenchmarkItems read(List<Path> files) {
        List<String> items = new ArrayList<>();
        for (Path file : files) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int number = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    number++;
                    if (!line.isBlank()) {
                        items.add(itemText(line, file, number));
                    }
                }
            } catch (NoSuchFileException e) {
                throw new UncheckedIOException("benchmark file " + file + ": no such file", e);
            } catch (IOException e) {
                throw new UncheckedIOException("benchmark file " + file + ": cannot read it (" + e + ")", e);
            }
        }
        return of(items);
    }

    private static String itemText(String line, Path file, int number) {
        JsonNode row;
        try {
            row = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("benchmark file " + file + " line " + number + ": not JSON ("
                    + e.getOriginalMessage() + ")");
        }
        for (String field : TEXT_FIELDS) {
            JsonNode value = row == null ? null : row.get(field);
            if (value != null && value.isArray() && !value.isEmpty()) {
                value = value.get(0);
            }
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        throw new IllegalArgumentException("benchmark file " + file + " line " + number
                + ": no item text (expected a string in one of the fields " + TEXT_FIELDS + ")");
    }

    /** How many items are registered. */
    public int size() {
        return size;
    }

    /**
     * Whether {@code prompt} contains a registered item, word for word, with {@code words} as scratch space (at
     * least {@value #MAX_PROMPT_WORDS} long; the caller's, so that a look-up allocates nothing).
     */
    boolean containsItem(CharSequence prompt, long[] words) {
        if (size == 0) {
            return false;
        }
        int count = TextTokens.wordHashes(prompt, words);
        for (int from = 0; from + ANCHOR_WORDS <= count; from++) {
            if (firstWords.get(words[from]) == 0) {
                continue;
            }
            for (int item = byAnchor.get(TextTokens.ngram(words, from, ANCHOR_WORDS)) - 1; item >= 0;
                 item = sameAnchor[item] - 1) {
                if (from + wordCounts[item] <= count
                        && TextTokens.ngram(words, from, wordCounts[item]) == wholeHashes[item]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Scratch space for {@link #containsItem}. */
    static long[] scratch() {
        return new long[MAX_PROMPT_WORDS];
    }
}
