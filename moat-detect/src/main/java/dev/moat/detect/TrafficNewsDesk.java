package dev.moat.detect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A newsroom's desk tool, as its content system calls the model for every incoming story: the house style guide as
 * the system prompt, then the story — a slug, a dateline and a few paragraphs — and one fixed request for a headline,
 * a standfirst, a three-point summary and an SEO title as JSON. The stories are human-written texts (instructions'
 * answers and people's messages), never the harvesting material. Written for the held-out set holdout11.
 */
final class TrafficNewsDesk implements TrafficContent {

    private static final List<String> DESKS = List.of("WORLD", "BUSINESS", "TECH", "HEALTH", "CULTURE", "SCIENCE",
            "LOCAL", "SPORT");
    private static final List<String> CITIES = List.of("LONDON", "NEW YORK", "SINGAPORE", "BERLIN", "NAIROBI",
            "SAO PAULO", "SYDNEY", "TORONTO", "MUMBAI", "PARIS");
    private static final String REQUEST = "Write for this story, as JSON with the keys headline (at most 70 "
            + "characters), standfirst (one sentence), summary (three bullet points) and seo_title (at most 60 "
            + "characters). Use only facts in the story.";
    private static final int MAX_STORY_CHARS = 3_000;

    private final PromptSource prompts;
    private final String system;
    private final int maxTokens;

    /** @param publication the publication whose style guide the system prompt states */
    TrafficNewsDesk(PromptSource prompts, String publication, int maxTokens, SplittableRandom random) {
        this.prompts = prompts;
        this.maxTokens = maxTokens;
        this.system = "You are the desk assistant of " + publication + ". House style: "
                + List.of("sentence case headlines, no clickbait, no questions in headlines",
                        "active voice, present tense in headlines, numbers as digits",
                        "plain words, no puns, attribute every claim").get(random.nextInt(3))
                + ". Never add facts that are not in the copy.";
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        StringBuilder copy = new StringBuilder();
        for (int p = 0, paragraphs = 2 + random.nextInt(3); p < paragraphs; p++) {
            PromptSource.Prompt source = prompts.pick(random.nextInt(3) == 0 ? PromptSource.Pool.DIALOGUE
                    : PromptSource.Pool.CHAT, random);
            copy.append(source.reference().orElse(source.text()).strip()).append("\n\n");
        }
        String desk = DESKS.get(random.nextInt(DESKS.size()));
        String story = "Slug: " + desk.toLowerCase(Locale.ROOT) + "-" + (100 + random.nextInt(900))
                + "\n" + CITIES.get(random.nextInt(CITIES.size())) + " (Desk: " + desk + ") — "
                + TrafficText.clip(copy.toString().strip(), MAX_STORY_CHARS);
        RequestSummary request = new RequestSummary(Optional.of(system),
                List.of(new UsageEvent.Message("user", story + "\n\n" + REQUEST)), 1, maxTokens,
                OptionalDouble.of(0.3), 1, false, false, 0, 0, 0, false);
        String answer = "{\"headline\": \"" + desk.charAt(0) + desk.substring(1).toLowerCase(Locale.ROOT)
                + " desk: what the story says\", \"standfirst\": \"A summary of the copy.\", \"summary\": [\"…\", "
                + "\"…\", \"…\"], \"seo_title\": \"Story summary\"}";
        long completion = Math.min(maxTokens, TrafficText.tokensAround(140, 0.3, random));
        return new TrafficExchange(request, Optional.of(answer), completion, 0, false);
    }
}
