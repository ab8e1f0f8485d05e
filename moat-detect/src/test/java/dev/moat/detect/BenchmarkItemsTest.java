package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkItemsTest {

    private static final String ITEM = "Janet's ducks lay 16 eggs per day. She eats three for breakfast every morning "
            + "and sells the remainder at the market for $2 per egg. How much does she make every day?";
    private final long[] scratch = BenchmarkItems.scratch();

    @Test
    void anItemIsRecognisedInsideAnyTemplateWhateverItsCaseSpacingAndPunctuation() {
        BenchmarkItems items = BenchmarkItems.of(List.of(ITEM, "What is the capital of France and why was it chosen?"));

        assertThat(items.size()).isEqualTo(2);
        assertThat(items.containsItem("Question: " + ITEM + "\nAnswer: Let's think step by step.", scratch)).isTrue();
        assertThat(items.containsItem(ITEM.toUpperCase().replace(" ", "\n  "), scratch)).isTrue();
        assertThat(items.containsItem("Solve this.\n\n" + ITEM.replace("$", "").replace(".", " ;") + "\n####", scratch))
                .isTrue();
    }

    @Test
    void anItemThatOnlyStartsLikeARegisteredOneOrIsCutShortIsNotRecognised() {
        BenchmarkItems items = BenchmarkItems.of(List.of(ITEM));

        assertThat(items.containsItem(ITEM.replace("$2 per egg", "$3 per egg"), scratch)).isFalse();
        assertThat(items.containsItem(ITEM.substring(0, ITEM.length() - 20), scratch)).isFalse();
        assertThat(items.containsItem("Tell me about ducks and eggs at the farmers' market.", scratch)).isFalse();
        assertThat(items.containsItem("", scratch)).isFalse();
    }

    @Test
    void itemsThatOpenWithTheSameWordsAreEachRecognised() {
        String first = "Which of the following statements about the moon is true? (a) it is made of cheese";
        String second = "Which of the following statements about the moon is true? (a) it orbits the earth";
        BenchmarkItems items = BenchmarkItems.of(List.of(first, second));

        assertThat(items.containsItem("Answer with a letter.\n" + first, scratch)).isTrue();
        assertThat(items.containsItem("Answer with a letter.\n" + second, scratch)).isTrue();
        assertThat(items.containsItem("Which of the following statements about the moon is true? (a) none", scratch))
                .isFalse();
    }

    @Test
    void itemsTooShortToRecogniseSafelyAreNotRegistered() {
        BenchmarkItems items = BenchmarkItems.of(List.of("How are you today?", ITEM));

        assertThat(items.size()).isEqualTo(1);
        assertThat(items.containsItem("Hi! How are you today?", scratch)).isFalse();
        assertThat(BenchmarkItems.of(List.of()).containsItem(ITEM, scratch)).isFalse();
    }

    /** GSM8K's test split, registered from the real file, recognises its items and not the training split's. */
    @Test
    void gsm8kTestItemsAreRecognisedAndItsTrainingItemsAreNot() throws IOException {
        Path human = SimulationTestData.sharedData().resolve("prompts/human");
        BenchmarkItems items = BenchmarkItems.read(List.of(human.resolve("gsm8k_test.jsonl")));
        assertThat(items.size()).isEqualTo(1_319);

        ObjectMapper json = new ObjectMapper();
        List<String> test = Files.readAllLines(human.resolve("gsm8k_test.jsonl"));
        for (int i = 0; i < test.size(); i += 97) {
            String question = json.readTree(test.get(i)).get("question").asText();
            assertThat(items.containsItem("Question: " + question + "\nAnswer: Let's think step by step.", scratch))
                    .as("test item %d", i).isTrue();
        }
        List<String> train = Files.readAllLines(human.resolve("gsm8k_train.jsonl"));
        int recognised = 0;
        for (String line : train) {
            if (items.containsItem(json.readTree(line).get("question").asText(), scratch)) {
                recognised++;
            }
        }
        assertThat(recognised).as("training items recognised as test items").isLessThan(train.size() / 200);
    }

    @Test
    void benchmarkFilesReadTheirItemsFromTheUsualFieldsIncludingAFirstTurn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bench.jsonl");
        Files.writeString(file, """
                {"question_id": 81, "turns": ["Compose an engaging travel blog post about a recent trip to Hawaii.", "Rewrite it."]}

                {"instruction": "Write a limerick about a cat who learned to program in Java at night."}
                """);

        BenchmarkItems items = BenchmarkItems.read(List.of(file));

        assertThat(items.size()).isEqualTo(2);
        assertThat(items.containsItem("Compose an engaging travel blog post about a recent trip to Hawaii.", scratch))
                .isTrue();
    }

    @Test
    void aBenchmarkFileWithABadLineNamesTheFileTheLineAndWhatWasExpected(@TempDir Path dir) throws IOException {
        Path notJson = dir.resolve("broken.jsonl");
        Files.writeString(notJson, "{\"question\": \"fine, and long enough to be registered as an item\"}\n{oops\n");
        assertThatThrownBy(() -> BenchmarkItems.read(List.of(notJson)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken.jsonl line 2: not JSON");

        Path noText = dir.resolve("answers.jsonl");
        Files.writeString(noText, "{\"answer\": \"42\"}\n");
        assertThatThrownBy(() -> BenchmarkItems.read(List.of(noText)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("answers.jsonl line 1: no item text")
                .hasMessageContaining("question");

        assertThatThrownBy(() -> BenchmarkItems.read(List.of(dir.resolve("missing.jsonl"))))
                .hasMessageContaining("missing.jsonl: no such file");
    }

    /** Arbitrary text — random characters, ideographs, very long prompts — never throws and never matches wrongly. */
    @Test
    void arbitraryPromptsAreLookedUpWithoutErrors() {
        BenchmarkItems items = BenchmarkItems.of(List.of(ITEM));
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int c = 0, length = random.nextInt(i % 100 == 0 ? 20_000 : 400); c < length; c++) {
                text.append((char) (random.nextInt(8) == 0 ? 0x4e00 + random.nextInt(500) : 32 + random.nextInt(95)));
            }
            assertThat(items.containsItem(text, scratch)).isFalse();
        }
        StringBuilder longPrompt = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            longPrompt.append("filler ");
        }
        assertThat(items.containsItem(ITEM + " " + longPrompt, scratch)).isTrue();
    }
}
