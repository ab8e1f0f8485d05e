package dev.moat.screening;

/**
 * One list file that was read.
 *
 * @param file     the file, as given
 * @param format   the format it was recognised as
 * @param entities how many entries it contributed
 */
public record LoadedFile(String file, ListFormat format, int entities) {
}
