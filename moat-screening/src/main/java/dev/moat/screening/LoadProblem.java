package dev.moat.screening;

/**
 * A row that was skipped (or read only in part) while loading a list.
 *
 * @param file   the file, as given
 * @param line   1-based line where the row starts, 0 when the problem concerns the whole file
 * @param reason what was wrong, for a person to act on
 */
public record LoadProblem(String file, long line, String reason) {
}
