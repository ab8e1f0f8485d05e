package dev.moat.screening;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a list file into text. Lists are published in UTF-8, but older extracts carry Windows-1252
 * bytes; such a file is read as Windows-1252 and the load report says so, instead of failing or
 * silently turning names into replacement characters.
 */
final class ListText {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private ListText() {
    }

    static String read(Path file, List<LoadProblem> problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ListFormatException("Cannot read list file " + file + ": " + e.getMessage()
                    + ". Check that the file exists and is readable.", e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            problems.add(new LoadProblem(file.toString(), 0,
                    "file is not valid UTF-8; read it as Windows-1252 (names with other accents may be wrong)"));
            return new String(bytes, WINDOWS_1252);
        }
    }
}
