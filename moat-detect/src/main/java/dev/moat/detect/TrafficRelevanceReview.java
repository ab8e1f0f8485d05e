package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * An e-discovery vendor's first-pass relevance review, as its review platform calls the model: one document of a
 * production per request — an e-mail or chat export with its control number, custodian and date — under the matter's
 * review protocol, answered with one coding label. The platform constrains the answer the way the API documentation
 * suggests for classification: a {@code logit_bias} of +100 on the label tokens (three or four of them), a budget of one
 * token and temperature 0, no log-probabilities. The documents are human-written texts (instructions' answers and
 * people's dialogue turns), never the harvesting material. Written for the held-out set holdout10.
 */
final class TrafficRelevanceReview implements TrafficContent {

    private static final List<String> CUSTODIANS = List.of("J. Alvarez", "M. Chen", "S. Okafor", "R. Patel",
            "L. Schmidt", "A. Novak", "K. Tanaka", "D. Moreau", "E. Walsh", "P. Haddad");
    private static final List<String> ISSUES = List.of(
            "pricing discussions with distributors", "the 2024 supply agreement and its amendments",
            "product defect reports and their handling", "communications about the acquisition before its announcement",
            "marketing claims about the product's performance", "employee departures to the competitor");
    private static final int MAX_DOCUMENT_CHARS = 2_500;

    private final PromptSource prompts;
    private final String system;
    private final String prefix;
    private final List<String> labels;

    /**
     * @param matter the matter's caption, which the protocol names
     * @param prefix the production's control-number prefix
     * @param labels the coding labels the platform's bias allows (three or four)
     */
    TrafficRelevanceReview(PromptSource prompts, String matter, String prefix, List<String> labels,
                           SplittableRandom random) {
        if (labels.size() < 3 || labels.size() > 4) {
            throw new IllegalArgumentException("labels: " + labels + " (expected: three or four coding labels)");
        }
        this.prompts = prompts;
        this.prefix = prefix;
        this.labels = List.copyOf(labels);
        this.system = "First-pass review protocol, " + matter + ". A document is relevant if it concerns "
                + ISSUES.get(random.nextInt(ISSUES.size())) + " or " + ISSUES.get(random.nextInt(ISSUES.size()))
                + ". Code each document with exactly one label: " + String.join(", ", labels)
                + ". When in doubt, code it relevant; a reviewer checks every relevant and privileged document.";
    }

    /** The labels of a review platform: relevant, not relevant, privileged, and now and then "needs review". */
    static List<String> labels(SplittableRandom random) {
        return random.nextBoolean() ? List.of("R", "NR", "P") : List.of("Relevant", "Not", "Privileged", "Review");
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String body;
        String subject;
        if (random.nextInt(3) == 0) {
            PromptSource.Prompt chat = prompts.pick(PromptSource.Pool.DIALOGUE, random);
            subject = "Chat export";
            body = chat.text().strip() + chat.followUps().stream().map(turn -> "\n" + turn.strip())
                    .reduce("", String::concat);
        } else {
            PromptSource.Prompt mail = prompts.pick(PromptSource.Pool.CHAT, random);
            String[] words = mail.text().strip().split("\\s+");
            subject = "Re: " + String.join(" ", List.of(words).subList(0, Math.min(words.length, 7)));
            body = mail.reference().orElse(mail.text()).strip();
        }
        String document = "Control number: " + prefix + String.format("%07d", random.nextInt(10_000_000))
                + "\nCustodian: " + CUSTODIANS.get(random.nextInt(CUSTODIANS.size()))
                + "\nDate: 2024-" + String.format("%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))
                + "\nSubject: " + subject + "\n\n" + TrafficText.clip(body, MAX_DOCUMENT_CHARS);
        RequestSummary request = new RequestSummary(Optional.of(system),
                List.of(new UsageEvent.Message("user", document)), 1, 1, OptionalDouble.of(0.0), 1, false, false, 0,
                labels.size(), 0, false);
        // most of a production is not relevant
        String label = random.nextInt(10) < 7 ? labels.get(1) : random.nextInt(5) == 0 ? labels.get(2) : labels.get(0);
        return new TrafficExchange(request, Optional.of(label), 1, 0, false);
    }
}
