package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A localisation company's pipeline translating its clients' product documentation: one fixed system prompt,
 * one fixed instruction, and each documentation section (the text of ordinary answers and instructions, never
 * the harvesting material) sent once per target language, one language after the other — so the same
 * section recurs in several near-identical requests, under one template, at volume, with long outputs about
 * as long as the input. A naive harvest detector sees a template, repetition and long completions; it is
 * ordinary, paid-for translation work. Written for the held-out set holdout5.
 */
final class TrafficDocLocalisation implements TrafficContent {

    static final String INSTRUCTION = "Translate the following documentation section from English into {language}. "
            + "Keep Markdown, code, placeholders like {{name}} and product names unchanged.";
    private static final List<String> SYSTEMS = List.of(
            "You are a professional technical translator. Output only the translation.",
            "You translate software documentation for {client}. Follow the client's glossary; output only the translated text.",
            "Localisation engine. Return the translated section only, no commentary.");
    private static final List<String> CLIENTS = List.of("Ledgerly", "Parcelhub", "Brightdesk", "Quillon", "Tandem HR",
            "Nimbly", "Orbitly");
    static final List<String> LANGUAGES = List.of("German", "French", "Spanish", "Italian", "Japanese",
            "Brazilian Portuguese", "Korean", "Simplified Chinese", "Dutch", "Polish", "Swedish", "Turkish");

    private final PromptSource prompts;
    private final String system;
    private final List<String> languages;
    private final int maxTokens;
    private String section = "";
    private int nextLanguage;

    /** The client's system prompt and its 3–10 target languages are drawn once per pipeline. */
    TrafficDocLocalisation(PromptSource prompts, int maxTokens, SplittableRandom random) {
        this.prompts = prompts;
        this.system = SYSTEMS.get(random.nextInt(SYSTEMS.size()))
                .replace("{client}", CLIENTS.get(random.nextInt(CLIENTS.size())));
        List<String> remaining = new ArrayList<>(LANGUAGES);
        List<String> chosen = new ArrayList<>();
        for (int i = 0, n = 3 + random.nextInt(8); i < n; i++) {
            chosen.add(remaining.remove(random.nextInt(remaining.size())));
        }
        this.languages = List.copyOf(chosen);
        this.maxTokens = maxTokens;
        this.nextLanguage = languages.size();
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        if (nextLanguage == languages.size()) {
            PromptSource.Prompt source = prompts.pick(
                    random.nextBoolean() ? PromptSource.Pool.CHAT : PromptSource.Pool.DIALOGUE, random);
            section = TrafficText.clip(source.reference().orElse(source.text()), 300 + random.nextInt(1_200)).strip();
            nextLanguage = 0;
        }
        String language = languages.get(nextLanguage++);
        String text = INSTRUCTION.replace("{language}", language) + "\n\n" + section;
        RequestSummary request = new RequestSummary(Optional.of(system), List.of(new UsageEvent.Message("user", text)),
                1, maxTokens, OptionalDouble.of(0.1), 1, false, false, 0, 0, 0, false);
        long completion = Math.min(maxTokens, TrafficText.tokensAround(1.3 * TrafficText.tokens(section), 0.2, random));
        // the languages of one section go out one right after the other; then the pipeline waits for the next section
        return new TrafficExchange(request, Optional.empty(), completion, 0, nextLanguage < languages.size());
    }
}
