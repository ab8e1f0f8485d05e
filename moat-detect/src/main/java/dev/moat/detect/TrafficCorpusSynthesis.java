package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A synthetic training corpus written by the model: each request asks for one long piece of educational writing — a
 * textbook section, lecture notes, a study guide, a blog post, a story for children, a forum thread, a FAQ page — for
 * an audience, built around an item of the material (the example the piece must work through) or, now and then,
 * around a subject alone. The organisation's own wording is assembled per request from its own opening, genre,
 * audience and closing phrases, so no two organisations share a template and no request asks for steps or reasoning;
 * what is harvested is thousands of long documents in the model's voice, a pre-training corpus. Written for the
 * held-out set holdout14.
 */
final class TrafficCorpusSynthesis implements TrafficContent {

    static final List<String> OPENERS = List.of("Write", "Please write", "Draft", "Compose", "Produce", "Create",
            "I need", "Prepare", "Write up", "Put together");
    static final List<String> GENRES = List.of("a textbook section", "a chapter of lecture notes", "a study guide",
            "an explanatory blog post", "a short story for children", "a forum thread with several replies",
            "a FAQ page", "a magazine feature", "a worked-example handout", "a podcast script", "an encyclopedia entry",
            "a lesson plan with a reading");
    static final List<String> AUDIENCES = List.of("middle-school pupils", "high-school students",
            "first-year university students", "adult learners returning to study", "professionals new to the field",
            "young children", "parents helping with homework", "curious general readers", "teachers");
    static final List<String> ANCHORS = List.of("built around this example", "that works through the following",
            "using this as its central example", "inspired by the extract below", "that includes and resolves this",
            "centred on the case below");
    static final List<String> CLOSERS = List.of("Aim for about 1,500 words.", "Make it engaging and concrete.",
            "Use headings and a short summary at the end.", "Avoid bullet points; write flowing prose.",
            "Keep the tone warm and clear.", "Include two practice questions at the end.",
            "Do not mention that this was generated.", "Use British spelling.", "Write at least 1,200 words.",
            "Add a glossary of key terms.");
    /** Subjects a piece may be about when it has no example from the material. */
    static final List<String> SUBJECTS = List.of("compound interest", "photosynthesis", "the water cycle", "supply and "
            + "demand", "prime numbers", "the French Revolution", "plate tectonics", "how vaccines work", "recursion",
            "probability with dice", "the causes of the First World War", "ratios and proportions", "sorting "
            + "algorithms", "the immune system", "budgeting for a household", "Newton's laws of motion", "climate and "
            + "weather", "the structure of a cell", "percentages in everyday life", "how the internet routes data",
            "ancient Rome's roads", "the history of printing", "graphs of linear functions", "the carbon cycle",
            "how a bill becomes law", "fractions in cooking", "volcanoes", "binary numbers", "the Silk Road",
            "persuasive writing");

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final Optional<String> system;
    private final List<String> openers;
    private final List<String> genres;
    private final List<String> audiences;
    private final List<String> anchors;
    private final List<String> closers;
    private final double subjectShare;
    private final int maxTokens;
    private final OptionalDouble temperature;

    /**
     * @param openers      this organisation's openings (a subset of {@link #OPENERS}); likewise the other lists
     * @param subjectShare how often a piece is about a subject alone, with no example from the material
     */
    TrafficCorpusSynthesis(PromptSource prompts, List<PromptSource.Pool> pools, Optional<String> system,
                           List<String> openers, List<String> genres, List<String> audiences, List<String> anchors,
                           List<String> closers, double subjectShare, int maxTokens, OptionalDouble temperature) {
        if (openers.isEmpty() || genres.isEmpty() || audiences.isEmpty() || anchors.isEmpty() || closers.isEmpty()) {
            throw new IllegalArgumentException("every list of phrases needs at least one phrase");
        }
        if (maxTokens < 2_048) {
            throw new IllegalArgumentException("maxTokens: " + maxTokens + " (expected: a long piece's budget, >= 2048)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.system = system;
        this.openers = List.copyOf(openers);
        this.genres = List.copyOf(genres);
        this.audiences = List.copyOf(audiences);
        this.anchors = List.copyOf(anchors);
        this.closers = List.copyOf(closers);
        this.subjectShare = subjectShare;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String genre = pick(genres, random);
        String audience = pick(audiences, random);
        String head = pick(openers, random) + " " + genre + " for " + audience;
        String closer = pick(closers, random);
        String text;
        String reference;
        String title;
        if (random.nextDouble() < subjectShare) {
            String subject = pick(SUBJECTS, random);
            text = head + " about " + subject + ". " + closer;
            title = Character.toUpperCase(subject.charAt(0)) + subject.substring(1);
            reference = "";
        } else {
            PromptSource.Prompt item = prompts.pick(pools, random);
            String anchor = pick(anchors, random);
            text = random.nextInt(3) == 0
                    ? item.text().strip() + "\n\n" + head + " " + anchor.replace("below", "above").replace("following",
                    "above") + ". " + closer
                    : head + " " + anchor + ". " + closer + "\n\n" + item.text().strip();
            title = "A closer look";
            reference = item.reference().orElse("");
        }
        RequestSummary request = new RequestSummary(system, List.of(new UsageEvent.Message("user", text)), 1, maxTokens,
                temperature, 1, false, false, 0, 0, 0, false);
        String answer = TrafficText.clip("# " + title + "\n\nImagine you are one of the " + audience + " meeting this "
                + "for the first time. " + reference + "\n\nIn this " + genre.replaceFirst("^an? ", "") + " we look at "
                + "where the idea comes from, how it works in a real case, and the mistakes people most often make.",
                1_800);
        long completion = Math.min(maxTokens, Math.max(TrafficText.tokens(answer),
                TrafficText.tokensAround(2_400, 0.35, random)));
        return new TrafficExchange(request, Optional.of(answer), completion, 0, false);
    }

    private static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
