package dev.moat.screening;

import java.util.List;

/**
 * The result of comparing two names.
 *
 * @param name1  the first name as given
 * @param name2  the second name as given
 * @param score  0 (unrelated) to 1 (same name)
 * @param match  whether {@code score} reaches the settings' match threshold
 * @param parts  which words were paired and how alike they are, unpaired words included
 * @param notes  what else moved the score: legal forms, numbers, transliteration, name order
 */
public record NameComparison(String name1, String name2, double score, boolean match, List<TokenMatch> parts,
        List<String> notes) {

    public NameComparison {
        parts = List.copyOf(parts);
        notes = List.copyOf(notes);
    }
}
