package dev.moat.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The real prompts the simulator puts into requests, sorted into pools by who would send them.
 *
 * <p>Ordinary organisations draw from human-written sets (self-instruct seed tasks, user-oriented
 * instructions, MT-bench, Vicuna, hh-rlhf dialogues); an evaluation run uses the GSM8K <em>test</em>
 * split, as real evaluations do; harvesting campaigns draw from the material distillers want: the
 * GSM8K <em>train</em> split and GPTeacher's code, role-play and tool-use sets. Keeping the benign
 * and harvesting sources apart is what lets the benchmark ask whether a detector recognises
 * behaviour rather than particular sentences.
 *
 * <p>{@link #fromDirectory(Path)} reads the full sets from a directory laid out like
 * {@code ../shared/data/prompts} ({@code human/} and {@code generated/}); {@link #bundled()} reads
 * the few hundred prompts shipped with the product (licences beside them in the resources). Both
 * hold a few megabytes at most, independent of how much traffic is generated. Immutable and safe
 * to share between threads.
 */
public final class PromptSource {

    /** Who draws from a pool. */
    public enum Pool {
        /** Single questions and instructions people type into a chat or an app. */
        CHAT,
        /** Multi-turn human conversations (hh-rlhf dialogues, MT-bench two-turn questions). */
        DIALOGUE,
        /** Human-written programming questions, the seed of a coding agent's tasks. */
        CODING,
        /** A public benchmark's test split, as an evaluation run sends it. */
        EVALUATION,
        /** Worked maths problems a distiller wants reasoning traces for. */
        HARVEST_MATH,
        /** Code-generation instructions. */
        HARVEST_CODE,
        /** Role-play instructions. */
        HARVEST_ROLEPLAY,
        /** Tool-use (toolformer) instructions. */
        HARVEST_TOOL;

        public boolean harvesting() {
            return name().startsWith("HARVEST_");
        }

        /** {@code pools}, copied, once checked to be one or more harvesting pools (what every campaign draws from). */
        static List<Pool> harvestingOnly(List<Pool> pools) {
            if (pools.isEmpty() || pools.stream().anyMatch(pool -> !pool.harvesting())) {
                throw new IllegalArgumentException("pools: " + pools + " (expected: one or more HARVEST_ pools)");
            }
            return List.copyOf(pools);
        }
    }

    /**
     * One prompt.
     *
     * @param text      the first user message
     * @param followUps later user turns of the same conversation, if the source has them
     * @param reference a reference answer or response from the source, if it has one
     * @param category  the source's category, or the file's kind when it has none
     * @param origin    the file name the prompt came from
     */
    public record Prompt(String text, List<String> followUps, Optional<String> reference, String category,
                         String origin) {
        public Prompt {
            followUps = List.copyOf(followUps);
        }
    }

    private static final String BUNDLE = "/dev/moat/detect/prompts/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CALCULATOR_NOTE = Pattern.compile("<<[^>]*>>");
    private static final Pattern HH_TURN = Pattern.compile("\\n\\n(Human|Assistant): ");

    private final Map<Pool, List<Prompt>> pools;
    private final String description;

    private PromptSource(Map<Pool, List<Prompt>> pools, String description) {
        for (Pool pool : Pool.values()) {
            if (pools.getOrDefault(pool, List.of()).isEmpty()) {
                throw new SimulationException("prompt pool " + pool + " is empty in " + description
                        + " (expected: the prompt files of ../shared/data/prompts)");
            }
        }
        this.pools = Map.copyOf(pools);
        this.description = description;
    }

    /** The prompts shipped with Moat: a few hundred from the Apache-2.0 and MIT sets. */
    public static PromptSource bundled() {
        return load(name -> {
            InputStream in = PromptSource.class.getResourceAsStream(BUNDLE + name);
            if (in == null) {
                throw new SimulationException("bundled prompt file " + name + " is missing from the jar");
            }
            return in;
        }, "the bundled prompt subset");
    }

    /**
     * The full prompt sets from a directory laid out like {@code ../shared/data/prompts}: files in
     * {@code human/}, {@code generated/} or the directory itself.
     */
    public static PromptSource fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new SimulationException("prompt directory " + directory
                    + " does not exist (expected: a directory like ../shared/data/prompts, or none for the bundled prompts)");
        }
        return load(name -> {
            for (Path candidate : List.of(directory.resolve("human").resolve(name),
                    directory.resolve("generated").resolve(name), directory.resolve(name))) {
                if (Files.isRegularFile(candidate)) {
                    try {
                        return Files.newInputStream(candidate);
                    } catch (IOException e) {
                        throw new SimulationException("cannot read " + candidate + ": " + e.getMessage(), e);
                    }
                }
            }
            throw new SimulationException("prompt file " + name + " not found under " + directory
                    + " (expected in human/ or generated/ as in ../shared/data/prompts)");
        }, directory.toString());
    }

    public List<Prompt> pool(Pool pool) {
        return pools.get(pool);
    }

    /** A uniformly chosen prompt of the pool. */
    public Prompt pick(Pool pool, SplittableRandom random) {
        List<Prompt> prompts = pools.get(pool);
        return prompts.get(random.nextInt(prompts.size()));
    }

    /** A prompt of one of {@code pools}, the pool drawn first (each equally likely), then the prompt in it. */
    Prompt pick(List<Pool> pools, SplittableRandom random) {
        return pick(pools.get(random.nextInt(pools.size())), random);
    }

    public String description() {
        return description;
    }

    private static PromptSource load(Function<String, InputStream> open, String description) {
        Map<Pool, List<Prompt>> pools = new EnumMap<>(Pool.class);
        for (Pool pool : Pool.values()) {
            pools.put(pool, new ArrayList<>());
        }
        try {
            for (JsonNode row : jsonLines(open, "vicuna_bench_questions.jsonl")) {
                Prompt prompt = turns(row, "vicuna_bench_questions.jsonl");
                pools.get(isCoding(prompt) ? Pool.CODING : Pool.CHAT).add(prompt);
            }
            for (JsonNode row : jsonLines(open, "mt_bench_questions.jsonl")) {
                Prompt prompt = turns(row, "mt_bench_questions.jsonl");
                pools.get(isCoding(prompt) ? Pool.CODING : Pool.DIALOGUE).add(prompt);
            }
            for (String file : List.of("self_instruct_seed_tasks.jsonl", "user_oriented_instructions.jsonl")) {
                for (JsonNode row : jsonLines(open, file)) {
                    pools.get(Pool.CHAT).add(instruction(row, file));
                }
            }
            for (JsonNode row : jsonLines(open, "hh_rlhf_harmless_base_test.jsonl.gz")) {
                dialogue(row).ifPresent(pools.get(Pool.DIALOGUE)::add);
            }
            for (JsonNode row : jsonLines(open, "gsm8k_test.jsonl")) {
                pools.get(Pool.EVALUATION).add(maths(row, "gsm8k_test.jsonl"));
            }
            for (JsonNode row : jsonLines(open, "gsm8k_train.jsonl")) {
                pools.get(Pool.HARVEST_MATH).add(maths(row, "gsm8k_train.jsonl"));
            }
            addGpTeacher(open, "gpteacher_codegen_instruct.json", pools.get(Pool.HARVEST_CODE));
            addGpTeacher(open, "gpteacher_roleplay_instruct.json", pools.get(Pool.HARVEST_ROLEPLAY));
            addGpTeacher(open, "gpteacher_toolformer.json", pools.get(Pool.HARVEST_TOOL));
        } catch (IOException e) {
            throw new SimulationException("cannot read prompts from " + description + ": " + e.getMessage(), e);
        }
        return new PromptSource(pools, description);
    }

    private static boolean isCoding(Prompt prompt) {
        return prompt.category().equals("coding");
    }

    private static Prompt turns(JsonNode row, String origin) {
        List<String> turns = new ArrayList<>();
        row.path("turns").forEach(turn -> turns.add(turn.asText()));
        if (turns.isEmpty()) {
            throw new SimulationException(origin + ": a question without turns: " + row);
        }
        return new Prompt(turns.getFirst(), turns.subList(1, turns.size()), Optional.empty(),
                row.path("category").asText("generic"), origin);
    }

    private static Prompt instruction(JsonNode row, String origin) {
        JsonNode instance = row.path("instances").path(0);
        String input = instance.path("input").asText("");
        String text = input.isBlank() ? row.path("instruction").asText()
                : row.path("instruction").asText() + "\n\n" + input;
        String output = instance.path("output").asText("");
        return new Prompt(text, List.of(), output.isBlank() ? Optional.empty() : Optional.of(output),
                row.path("motivation_app").asText("instruction"), origin);
    }

    /** The human turns of an hh-rlhf dialogue, with the first assistant turn as the reference. */
    private static Optional<Prompt> dialogue(JsonNode row) {
        String[] parts = HH_TURN.split(row.path("chosen").asText());
        var matcher = HH_TURN.matcher(row.path("chosen").asText());
        List<String> human = new ArrayList<>();
        Optional<String> firstAnswer = Optional.empty();
        int part = 1;
        while (matcher.find() && part < parts.length) {
            String text = parts[part++].strip();
            if (matcher.group(1).equals("Human")) {
                human.add(text);
            } else if (firstAnswer.isEmpty()) {
                firstAnswer = Optional.of(text);
            }
        }
        if (human.isEmpty() || human.getFirst().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Prompt(human.getFirst(), human.subList(1, human.size()), firstAnswer, "dialogue",
                "hh_rlhf_harmless_base_test.jsonl.gz"));
    }

    private static Prompt maths(JsonNode row, String origin) {
        String answer = CALCULATOR_NOTE.matcher(row.path("answer").asText()).replaceAll("");
        return new Prompt(row.path("question").asText(), List.of(), Optional.of(answer), "math", origin);
    }

    private static void addGpTeacher(Function<String, InputStream> open, String file, List<Prompt> pool)
            throws IOException {
        try (InputStream in = open.apply(file)) {
            for (JsonNode row : JSON.readTree(in)) {
                String input = row.path("input").asText("");
                String text = input.isBlank() ? row.path("instruction").asText()
                        : row.path("instruction").asText() + "\n\n" + input;
                String response = row.path("response").asText("");
                pool.add(new Prompt(text, List.of(), response.isBlank() ? Optional.empty() : Optional.of(response),
                        file.replace("gpteacher_", "").replace(".json", ""), file));
            }
        }
    }

    private static List<JsonNode> jsonLines(Function<String, InputStream> open, String file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (InputStream raw = open.apply(file);
             InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        }
        return rows;
    }
}
