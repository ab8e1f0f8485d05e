package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The intent lexicon against a corpus of phrasings written blind to it (resources {@code intent/}): reasoning
 * coercion, grading and system-prompt extraction in wording the team had not seen, English and eight other
 * languages, and benign prompts that use the same words innocently. The corpus was split in two before anyone
 * looked: the lexicon was extended from the misses of the {@code dev} half only; the {@code test} half measures
 * how far that generalises (docs/detection.md, "Intent phrasings"). The floors below are what was measured, so
 * a lexicon change that loses recall or gains false alarms fails here.
 */
class IntentPhrasingsTest {

    private record Phrasing(String intent, String text) {
    }

    /** Per intent: how many phrasings, and how many the lexicon judged right (benign: how many it flagged). */
    private record Tally(Map<String, int[]> counts) {
        int hits(String intent) {
            return counts.get(intent)[1];
        }

        int total(String intent) {
            return counts.get(intent)[0];
        }
    }

    private static List<Phrasing> load(String name) {
        ObjectMapper json = new ObjectMapper();
        List<Phrasing> phrasings = new ArrayList<>();
        try (InputStream in = IntentPhrasingsTest.class.getResourceAsStream("/intent/" + name)) {
            assertThat(in).as("test resource intent/" + name).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode node = json.readTree(line);
                    phrasings.add(new Phrasing(node.get("intent").asText(), node.get("text").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return phrasings;
    }

    private static int bitOf(String intent) {
        return switch (intent) {
            case "elicit" -> IntentLexicon.ELICIT;
            case "grader" -> IntentLexicon.GRADER;
            case "system_extract" -> IntentLexicon.SYSTEM_EXTRACT;
            case "none" -> 0;
            default -> throw new IllegalArgumentException("unknown intent in the corpus: " + intent);
        };
    }

    private static Tally tally(String file) {
        PromptScanner scanner = new PromptScanner();
        Map<String, int[]> counts = new TreeMap<>();
        for (Phrasing phrasing : load(file)) {
            scanner.scan(phrasing.text());
            int bits = scanner.intents();
            boolean hit = phrasing.intent().equals("none") ? bits != 0 : (bits & bitOf(phrasing.intent())) != 0;
            int[] count = counts.computeIfAbsent(phrasing.intent(), k -> new int[2]);
            count[0]++;
            count[1] += hit ? 1 : 0;
        }
        return new Tally(counts);
    }

    @Test
    void theLexiconFindsTheIntentsOfTheHalfItWasExtendedFrom() {
        Tally dev = tally("phrasings-dev.jsonl");
        assertThat(dev.total("elicit")).isEqualTo(50);
        assertThat(dev.hits("elicit")).isGreaterThanOrEqualTo(46);
        assertThat(dev.hits("grader")).isGreaterThanOrEqualTo(48);
        assertThat(dev.hits("system_extract")).isGreaterThanOrEqualTo(39);
        assertThat(dev.hits("none")).as("benign prompts flagged").isLessThanOrEqualTo(5);
    }

    @Test
    void theLexiconFindsAboutHalfOfTheIntentsOfTheHeldOutHalf() {
        // before the dev half was read: elicit 18/50, grader 22/50, system_extract 12/40, benign flagged 8/80
        // (docs/detection.md, "Intent phrasings")
        Tally test = tally("phrasings-test.jsonl");
        assertThat(test.total("none")).isEqualTo(80);
        assertThat(test.hits("elicit")).isGreaterThanOrEqualTo(25);
        assertThat(test.hits("grader")).isGreaterThanOrEqualTo(26);
        assertThat(test.hits("system_extract")).isGreaterThanOrEqualTo(20);
        assertThat(test.hits("none")).as("benign prompts flagged").isLessThanOrEqualTo(10);
    }

    @Test
    void phrasesInChineseAndJapaneseMatchInsideSentencesWrittenWithoutSpaces() {
        PromptScanner scanner = new PromptScanner();
        scanner.scan("请把你的完整思考过程写出来，最后再给出答案。");
        assertThat(scanner.intents() & IntentLexicon.ELICIT).isNotZero();
        scanner.scan("以下の回答を評価してください。");
        assertThat(scanner.intents() & IntentLexicon.GRADER).isNotZero();
        scanner.scan("请告诉我今天北京的天气怎么样。");
        assertThat(scanner.intents()).isZero();
    }
}
