package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Near-duplicate prompt sketches on hand-written perturbations of a template (synonyms, reordered
 * clauses, inserted filler, changed punctuation) — written for this test, not taken from the simulator.
 */
class NearDuplicateSketchTest {

    /** One harvesting template, perturbed by hand in the ways a campaign varies its wording per request. */
    static final String[] COERCION_VARIANTS = {
            "Work through the problem below carefully. Write out every step of your reasoning in full before "
                    + "you state the final answer.\n\nProblem: %s",
            "Work through the problem below with care. Write out each step of your reasoning in full before "
                    + "you give the final answer.\n\nProblem: %s",
            "Write out every step of your reasoning in full before you state the final answer. Work through the "
                    + "problem below carefully.\n\nProblem: %s",
            "Work through the problem below carefully. Please be thorough. Write out every step of your "
                    + "reasoning in full before you state the final answer.\n\nProblem: %s",
            "Please work through the problem below carefully, and write out every single step of your reasoning "
                    + "in full before you state the final answer.\n\nProblem: %s",
            "Work through the following problem carefully. Write out all the steps of your reasoning in full "
                    + "before you state your final answer.\n\nProblem: %s",
    };

    /** A second, unrelated template of the same campaign style, also perturbed. */
    static final String[] GRADING_VARIANTS = {
            "You will be shown a question and a candidate reply. Judge the reply for accuracy and clarity and give "
                    + "it a mark between one and ten.\nQuestion: %s\nReply: it is forty.",
            "You are shown a question and a candidate reply. Judge the reply for accuracy and for clarity and give "
                    + "it a mark from one to ten.\nQuestion: %s\nReply: it is forty.",
            "Judge the candidate reply for accuracy and clarity and give it a mark between one and ten. You will "
                    + "be shown a question and the reply.\nQuestion: %s\nReply: it is forty.",
    };

    /** Ordinary requests, all different. */
    static final String[] ORDINARY = {
            "Can you help me write a short note to my landlord asking to fix the heating before the weekend?",
            "What are some good vegetables to plant in a small balcony garden that gets morning sun only?",
            "Explain the difference between a virus and a bacterium in simple words for a ten year old.",
            "I need a packing list for a four day hiking trip in the mountains in early autumn, please.",
            "Rewrite this paragraph so it sounds more friendly and less formal for our company newsletter.",
            "Why does bread go stale faster in the fridge than on the counter, and how should I store it?",
            "Give me three ideas for a birthday party theme for a child who loves dinosaurs and space.",
            "How do I politely decline a meeting invitation from a colleague without sounding rude at all?",
            "Summarise the main causes of the first world war in a few bullet points for my history revision.",
            "What is a good way to start learning to play the guitar as an adult with little free time?",
    };

    /** Openings a campaign puts in front of its template to break exact matching. */
    static final String[] FILLERS = {"", "Hello.", "Next task.", "Here is another one.", "Quick question.",
            "Thanks for the last one.", "Moving on.", "One more please.", "Batch continues.", "Again:",
            "Try this one.", "Please help."};

    /** Words for payloads whose endings never repeat (so exact template frames do not either). */
    static final String[] WORDS = ("river lamp orbit velvet copper meadow signal harbor pencil canyon lantern "
            + "ember quartz willow saddle marble thistle beacon falcon garnet hollow island jasper kettle ledger "
            + "mosaic nectar oyster pepper quiver rafter summit timber umber vessel walnut yonder zephyr anchor "
            + "bramble cinder dune easel fjord glacier hazel ivory juniper").split(" ");

    static String payload(Random rng) {
        StringBuilder text = new StringBuilder("Consider the");
        for (int i = 0; i < 10; i++) {
            text.append(' ').append(WORDS[rng.nextInt(WORDS.length)]);
        }
        return text.append('.').toString();
    }

    /** A prompt of the template: a random variant, a random filler in front, a payload that never repeats. */
    static String perturbed(String[] variants, Random rng) {
        String filler = FILLERS[rng.nextInt(FILLERS.length)];
        return (filler.isEmpty() ? "" : filler + " ") + String.format(variants[rng.nextInt(variants.length)],
                payload(rng));
    }

    private static long sketch(String text) {
        PromptScanner scanner = new PromptScanner();
        scanner.scan(text);
        return scanner.sketch();
    }

    @Test
    void perturbedVariantsOfOneTemplateAreNearAndUnrelatedPromptsAreNot() {
        Random rng = new Random(1);
        List<Long> coercion = new ArrayList<>();
        List<Long> grading = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            coercion.add(sketch(perturbed(COERCION_VARIANTS, rng)));
            grading.add(sketch(perturbed(GRADING_VARIANTS, rng)));
        }
        List<Long> ordinary = new ArrayList<>();
        for (String text : ORDINARY) {
            ordinary.add(sketch(text));
        }
        // a pair of perturbed prompts is near often enough that a window of recent prompts finds a twin
        assertThat(share(coercion, coercion)).isGreaterThan(0.3);
        assertThat(share(grading, grading)).isGreaterThan(0.3);
        assertThat(share(coercion, grading)).isLessThan(0.01);
        assertThat(share(ordinary, ordinary)).isZero();
        assertThat(share(ordinary, coercion)).isZero();
        // too short to tell a template from chance: no sketch
        assertThat(sketch("What time is it in Tokyo?")).isZero();
    }

    @Test
    void aPerturbedTemplateStillShowsTemplateConcentration() {
        Random rng = new Random(2);
        EventTraitsReader reader = new EventTraitsReader();
        BehaviourProfile campaign = new BehaviourProfile();
        BehaviourProfile chat = new BehaviourProfile();
        for (int i = 0; i < 200; i++) {
            campaign.add(reader.read(TestEvents.event("org_c", Workloads.START.plusSeconds(30L * i))
                    .user(perturbed(COERCION_VARIANTS, rng)).build()));
        }
        for (UsageEvent event : Workloads.chatUsers("org_o", Workloads.START, 400, 4)) {
            chat.add(reader.read(event));
        }
        RiskAssessment assessment = new RiskAssessment();
        double exact = Math.max(campaign.prefixes.topCount(), campaign.suffixes.topCount()) / campaign.withContent;
        assertThat(exact).as("exact frames are scattered by the perturbation").isLessThan(0.3);
        assessment.assess(campaign, 1.0);
        assertThat(assessment.nearDuplicate).isGreaterThan(0.8);
        assertThat(assessment.template).isGreaterThan(0.8);
        assertThat(assessment.signals(ExampleEvents.NONE)).extracting(Signal::name)
                .contains("near_duplicate_prompts", "template_concentration");
        assessment.assess(chat, 1.0);
        // the test chat repeats a few dozen questions, and a repeat is a near twin too; still far from a template
        assertThat(assessment.nearDuplicate).isLessThan(0.3);
    }

    /**
     * Two organisations in one /24 with one long system prompt that started within the same ten minutes
     * (0.3 + 0.35 + 0.2) are linked only by a further piece of evidence: a template they share, here
     * only nearly.
     */
    @Test
    void aSharedPerturbedTemplateIsLinkageEvidence() {
        assertThat(linked(COERCION_VARIANTS, COERCION_VARIANTS)).isTrue();
        assertThat(linked(COERCION_VARIANTS, GRADING_VARIANTS)).isFalse();
    }

    private static final String SYSTEM = "You are a careful assistant for a tutoring service. Answer in plain "
            + "English and keep a friendly, encouraging tone with the student at all times.";

    private static boolean linked(String[] first, String[] second) {
        Detector detector = new Detector(DetectorSettings.defaults());
        Random rng = new Random(3);
        for (int i = 0; i < 60; i++) {
            java.time.Instant ts = Workloads.START.plusSeconds(20L * i);
            detector.accept(TestEvents.event("org_x", ts).ip("198.51.100.20").system(SYSTEM)
                    .user(perturbed(first, rng)).build());
            detector.accept(TestEvents.event("org_y", ts.plusSeconds(5)).ip("198.51.100.90").system(SYSTEM)
                    .user(perturbed(second, rng)).build());
        }
        java.util.Optional<String> x = detector.verdict("org_x").orElseThrow().cluster();
        return x.isPresent() && x.equals(detector.verdict("org_y").orElseThrow().cluster());
    }

    /** Share of distinct pairs (one from each list) within the near-duplicate distance. */
    static double share(List<Long> a, List<Long> b) {
        int near = 0;
        int pairs = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                if (a == b && j <= i) {
                    continue;
                }
                pairs++;
                if (NearDuplicateWindow.near(a.get(i), b.get(j))) {
                    near++;
                }
            }
        }
        return (double) near / pairs;
    }
}
