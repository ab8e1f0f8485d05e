package dev.moat.screening;

/**
 * One part of an explanation: a word of the first name, the word(s) of the second it was paired
 * with, and how alike they are.
 *
 * @param left       word(s) of the first name, normalised; empty when a word of the second name found no partner
 * @param right      word(s) of the second name, normalised; empty when a word of the first name found no partner
 * @param similarity 0 to 1
 * @param how        {@code exact}, {@code phonetic}, {@code initial}, {@code fuzzy}, {@code compound} or {@code unmatched}
 */
public record TokenMatch(String left, String right, double similarity, String how) {
}
