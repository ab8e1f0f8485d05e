package dev.moat.screening;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads restricted-party lists from files and directories, recognising each file's format by its
 * name and first bytes:
 * <ul>
 *   <li>{@code sdn.csv} (or any CSV whose first row is a 12-column row with a numeric ent_num):
 *       OFAC legacy SDN, joined with {@code alt.csv}, {@code add.csv} and {@code sdn_comments.csv}
 *       from the same directory;</li>
 *   <li>a CSV whose header has {@code source}, {@code name}, {@code alt_names}: the Consolidated Screening List;</li>
 *   <li>a tab-separated file whose header has {@code Name} and {@code Street_Address}: the Denied Persons List;</li>
 *   <li>XML with root {@code CONSOLIDATED_LIST}: the UN consolidated list.</li>
 * </ul>
 * A directory is read file by file in path order, sub-directories included; files in it that are not a
 * list (a README, a licence) are noted in the report and skipped. A file named explicitly that is
 * not a list, or a list file in the wrong format, fails with {@link ListFormatException}.
 */
public final class ListLoader {

    /** OFAC's companion files: read together with {@code sdn.csv}, never alone. */
    private static final Set<String> OFAC_COMPANIONS = Set.of("alt.csv", "add.csv", "sdn_comments.csv");
    private static final int MAX_DEPTH = 4;

    private ListLoader() {
    }

    /**
     * Reads every list in the given files and directories.
     *
     * @throws ListFormatException when a path is missing, unreadable, or names a file that is not a list
     */
    public static LoadedLists load(List<Path> paths) {
        Objects.requireNonNull(paths, "paths");
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("paths: empty (expected: at least one list file or directory)");
        }
        List<ListedEntity> entities = new ArrayList<>();
        List<LoadedFile> files = new ArrayList<>();
        List<LoadProblem> problems = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                for (Path file : listDirectory(path)) {
                    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (OFAC_COMPANIONS.contains(name)) {
                        continue;
                    }
                    Optional<ListFormat> format = recognise(file);
                    if (format.isEmpty()) {
                        problems.add(new LoadProblem(file.toString(), 0, "not a list file this loader knows; skipped"));
                        continue;
                    }
                    readInto(file, format.get(), entities, files, problems);
                }
            } else if (Files.isRegularFile(path)) {
                String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
                if (OFAC_COMPANIONS.contains(name)) {
                    throw new ListFormatException("File " + path + " is an OFAC companion file; it is read together with "
                            + "sdn.csv. Pass sdn.csv or the directory that holds both.");
                }
                ListFormat format = recognise(path).orElseThrow(() -> new ListFormatException("File " + path
                        + " is not a list this loader knows. Expected OFAC sdn.csv (with alt.csv and add.csv), a "
                        + "Consolidated Screening List CSV, the Denied Persons List (tab-separated) or the UN "
                        + "consolidated XML."));
                readInto(path, format, entities, files, problems);
            } else {
                throw new ListFormatException("List path " + path + " does not exist or is not a file or directory. "
                        + "Check the screening.lists setting.");
            }
        }
        return new LoadedLists(entities, new LoadReport(files, problems, entities.size()));
    }

    private static void readInto(Path file, ListFormat format, List<ListedEntity> entities, List<LoadedFile> files,
            List<LoadProblem> problems) {
        List<ListedEntity> read = switch (format) {
            case OFAC_SDN_CSV -> OfacSdnReader.read(file, problems);
            case CSL_CSV -> CslReader.read(file, problems);
            case DPL_TSV -> DplReader.read(file, problems);
            case UN_XML -> UnXmlReader.read(file, problems);
        };
        entities.addAll(read);
        files.add(new LoadedFile(file.toString(), format, read.size()));
    }

    private static List<Path> listDirectory(Path dir) {
        try (Stream<Path> s = Files.walk(dir, MAX_DEPTH)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ListFormatException("Cannot list directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The format of a file from its name and first few kilobytes, or empty when it is no list. */
    static Optional<ListFormat> recognise(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.equals("sdn.csv")) {
            return Optional.of(ListFormat.OFAC_SDN_CSV);
        }
        String head = head(file);
        if (name.endsWith(".xml") || head.stripLeading().startsWith("<")) {
            return UnXmlReader.looksLikeUn(head) ? Optional.of(ListFormat.UN_XML) : Optional.empty();
        }
        if (CslReader.looksLikeCsl(head)) {
            return Optional.of(ListFormat.CSL_CSV);
        }
        if (DplReader.looksLikeDpl(head)) {
            return Optional.of(ListFormat.DPL_TSV);
        }
        if (name.endsWith(".csv") && OfacSdnReader.looksLikeSdn(head)) {
            return Optional.of(ListFormat.OFAC_SDN_CSV);
        }
        return Optional.empty();
    }

    private static String head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String s = new String(in.readNBytes(8192), StandardCharsets.ISO_8859_1);
            return s.startsWith("\u00EF\u00BB\u00BF") ? s.substring(3) : s;
        } catch (IOException e) {
            throw new ListFormatException("Cannot read list file " + file + ": " + e.getMessage()
                    + ". Check that it exists and is readable.", e);
        }
    }
}
