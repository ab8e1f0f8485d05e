package dev.moat.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads address list files into an {@link IpPrefixSet}.
 *
 * <p>One entry per line: a CIDR range ({@code 192.0.2.0/24}) or a single address. Blank lines and
 * comments ({@code #} or {@code ;} to the end of the line) are skipped. Tor's own exit list format
 * ({@code ExitAddress 192.0.2.1 2026-11-27 10:00:00}, published by the Tor Project) is accepted too, so the
 * list can be downloaded as it is; its other lines ({@code ExitNode}, {@code Published}, {@code LastStatus})
 * are skipped. Any other line is an error naming the file and line, because a silently skipped line would
 * be a silently unprotected range.
 */
public final class AddressListReader {

    private AddressListReader() {
    }

    public static IpPrefixSet read(List<Path> files) {
        IpPrefixSet.Builder builder = IpPrefixSet.builder();
        for (Path file : files) {
            readInto(file, builder);
        }
        return builder.build();
    }

    static void readInto(Path file, IpPrefixSet.Builder builder) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String entry = entryOf(line);
                if (entry.isEmpty() || isTorDescriptorLine(entry)) {
                    continue;
                }
                if (entry.startsWith("ExitAddress ")) {
                    entry = entry.substring("ExitAddress ".length()).strip();
                    int space = entry.indexOf(' ');
                    entry = space < 0 ? entry : entry.substring(0, space);
                }
                final int lineNumber = number;
                final String text = entry;
                builder.add(CidrRange.parse(text).orElseThrow(() -> new NetworkDataException(
                        "%s:%d: '%s' is not an IP address or CIDR range (expected one per line, such as 192.0.2.0/24 or 2001:db8::/32; # starts a comment)"
                                .formatted(file, lineNumber, text))));
            }
        } catch (NoSuchFileException e) {
            throw new NetworkDataException("%s does not exist; fix the path in the network: settings or remove the entry".formatted(file), e);
        } catch (IOException e) {
            throw new NetworkDataException("%s could not be read: %s".formatted(file, e.getMessage()), e);
        }
    }

    private static String entryOf(String line) {
        int end = line.length();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '#' || c == ';') {
                end = i;
                break;
            }
        }
        String entry = line.substring(0, end).strip();
        return !entry.isEmpty() && entry.charAt(0) == '\uFEFF' ? entry.substring(1).strip() : entry;
    }

    private static boolean isTorDescriptorLine(String entry) {
        return entry.startsWith("ExitNode ") || entry.startsWith("Published ") || entry.startsWith("LastStatus ");
    }
}
