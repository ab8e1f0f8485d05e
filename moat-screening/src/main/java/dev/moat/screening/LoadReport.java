package dev.moat.screening;

import java.util.List;

/**
 * What loading a set of list files produced: the files read and every row skipped on the way.
 *
 * @param files    files read, in load order
 * @param problems rows skipped or read in part, with file, line and reason
 * @param entities total entries loaded
 */
public record LoadReport(List<LoadedFile> files, List<LoadProblem> problems, int entities) {

    public LoadReport {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }
}
