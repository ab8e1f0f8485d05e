package dev.moat.detect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Shared fixtures of the simulator's tests: the reference data and small scenarios that run in a second. */
final class SimulationTestData {

    static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

    /** The bundled prompts and a simulator on them: small, for the tests that need no shared data. */
    static final PromptSource BUNDLED_PROMPTS = PromptSource.bundled();
    static final Simulator BUNDLED = new Simulator(BUNDLED_PROMPTS);

    /** The kinds written for {@code holdout3}: four campaign variants and one ordinary look-alike. */
    static final Set<ScenarioKind> HOLDOUT3_KINDS = Set.of(ScenarioKind.AGENT_HARVEST,
            ScenarioKind.AGED_ACCOUNTS, ScenarioKind.SOFT_LABELS, ScenarioKind.MULTILINGUAL_HARVEST,
            ScenarioKind.TUTORING_APP);

    /** The kinds written for {@code holdout4}: four campaign variants and one ordinary look-alike. */
    static final Set<ScenarioKind> HOLDOUT4_KINDS = Set.of(ScenarioKind.CONTEXT_HARVEST,
            ScenarioKind.PREFERENCE_PAIRS, ScenarioKind.PARAPHRASE_HARVEST, ScenarioKind.BUNDLED_ITEMS,
            ScenarioKind.JUDGE_SERVICE);

    /** The kinds written for {@code holdout5}: four campaign variants and one ordinary look-alike. */
    static final Set<ScenarioKind> HOLDOUT5_KINDS = Set.of(ScenarioKind.CRITIQUE_REWRITE,
            ScenarioKind.HUMAN_CADENCE, ScenarioKind.COVER_NETWORK, ScenarioKind.ENTERPRISE_RAMP,
            ScenarioKind.DOC_LOCALISATION);

    /** The kinds written for {@code holdout6}: four campaign variants and one ordinary look-alike. */
    static final Set<ScenarioKind> HOLDOUT6_KINDS = Set.of(ScenarioKind.TRICKLE_SWARM, ScenarioKind.EVOLVE_ITEMS,
            ScenarioKind.SCHEMA_HARVEST, ScenarioKind.TOOL_PLANS, ScenarioKind.CATALOGUE_ENRICHMENT);

    /** The kinds written for {@code holdout7}: four campaign variants and one ordinary look-alike. */
    static final Set<ScenarioKind> HOLDOUT7_KINDS = Set.of(ScenarioKind.THIN_PROBES, ScenarioKind.PERSONA_REASONING,
            ScenarioKind.REPLY_PREFERENCE, ScenarioKind.DECOY_MIX, ScenarioKind.CONTRACT_REVIEW);

    /** The kinds written for {@code holdout8}: four campaign variants and one ordinary look-alike. */
    static final Set<ScenarioKind> HOLDOUT8_KINDS = Set.of(ScenarioKind.WRAPPER_INJECTION, ScenarioKind.CLOUD_TWIN,
            ScenarioKind.SOCRATIC_STEPS, ScenarioKind.SELF_CHAT, ScenarioKind.NPC_DIALOGUE);

    /** The kinds written for {@code holdout9}: four campaign variants and one ordinary look-alike. */
    static final Set<ScenarioKind> HOLDOUT9_KINDS = Set.of(ScenarioKind.BURNER_CHAIN, ScenarioKind.FEW_SHOT_REASONING,
            ScenarioKind.VERDICT_LOGPROBS, ScenarioKind.KEY_RELAY, ScenarioKind.ESSAY_FEEDBACK);

    /** The kinds written for {@code holdout10}: four campaign variants and one ordinary look-alike. */
    static final Set<ScenarioKind> HOLDOUT10_KINDS = Set.of(ScenarioKind.PREFILL_CHUNKS, ScenarioKind.BIAS_SEARCH,
            ScenarioKind.PROGRAMME_HYDRA, ScenarioKind.RESAMPLE_SPREAD, ScenarioKind.EDISCOVERY_REVIEW);

    /** The kinds written for {@code holdout11}: four campaign variants and one ordinary look-alike. */
    static final Set<ScenarioKind> HOLDOUT11_KINDS = Set.of(ScenarioKind.QUIET_HOURS_KEY, ScenarioKind.CHURN_GRADER,
            ScenarioKind.MIMIC_HYDRA, ScenarioKind.EVAL_SHARDS, ScenarioKind.NEWSROOM_DESK);

    /** The kinds written for {@code holdout12}: four campaign variants and one ordinary look-alike. */
    static final Set<ScenarioKind> HOLDOUT12_KINDS = Set.of(ScenarioKind.CUT_STREAMS, ScenarioKind.DORMANT_TAKEOVER,
            ScenarioKind.STEP_LABELS, ScenarioKind.AGGREGATOR_SPREAD, ScenarioKind.CLAIMS_TRIAGE);

    /** The kinds written for {@code holdout13}: four campaign variants and one ordinary look-alike. */
    static final Set<ScenarioKind> HOLDOUT13_KINDS = Set.of(ScenarioKind.CROWD_SEATS, ScenarioKind.PROGRAM_OF_THOUGHT,
            ScenarioKind.SAMPLE_CENSUS, ScenarioKind.PHONE_OFFLOAD, ScenarioKind.MEDICAL_CODING);

    /** The kinds written for {@code holdout14}: four campaign variants and one ordinary look-alike. */
    static final Set<ScenarioKind> HOLDOUT14_KINDS = Set.of(ScenarioKind.REFUSAL_MAP, ScenarioKind.FOLLOW_THE_SUN,
            ScenarioKind.TOKENIZER_PROBE, ScenarioKind.CORPUS_SYNTHESIS, ScenarioKind.REGRESSION_SUITE);

    /** The held-out ordinary kinds of {@code ordinary2}. */
    static final Set<ScenarioKind> ORDINARY2_KINDS = Set.of(ScenarioKind.SEO_ARTICLES, ScenarioKind.SUPPORT_BOT,
            ScenarioKind.PRE_LABELLING, ScenarioKind.OLYMPIAD_COACH, ScenarioKind.CODE_REVIEW_BOT);

    /** The ordinary newcomers of {@code newcomers}: new accounts signing up through the period. */
    static final Set<ScenarioKind> NEWCOMER_KINDS = Set.of(ScenarioKind.API_TRYOUT, ScenarioKind.HACKATHON_TEAM,
            ScenarioKind.STUDENT_REVISION, ScenarioKind.STARTUP_PROTOTYPE, ScenarioKind.CREDITS_EXPERIMENT,
            ScenarioKind.SHOP_CHATBOT);

    private static PromptSource shared;

    private SimulationTestData() {
    }

    /** {@code ../shared/data}: the {@code moat.shared.data} property, else relative to the project root. */
    static Path sharedData() {
        String property = System.getProperty("moat.shared.data");
        Path path = property != null ? Path.of(property) : Path.of("..").resolve("../shared/data").normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("reference data not found at " + path.toAbsolutePath()
                    + " (set -Dmoat.shared.data=DIR)");
        }
        return path;
    }

    static synchronized PromptSource sharedPrompts() {
        if (shared == null) {
            shared = PromptSource.fromDirectory(sharedData().resolve("prompts"));
        }
        return shared;
    }

    /** Every kind, two organisations or campaigns each (one hydra of 50 of each hydra kind), over half a day. */
    static Scenario everyKind() {
        List<ScenarioPart> parts = java.util.Arrays.stream(ScenarioKind.values())
                .map(kind -> kind == ScenarioKind.HYDRA || kind == ScenarioKind.HYDRA_VARIED ? new ScenarioPart(kind, 1, 50)
                        : ScenarioPart.of(kind, 2))
                .toList();
        return new Scenario("every-kind", "every kind of organisation, briefly", Duration.ofHours(12), parts);
    }

    static SimulationSettings settings(long seed) {
        return SimulationSettings.of(seed, START).withScale(0.5);
    }

    static List<SimulatedEvent> events(Simulator simulator, Scenario scenario, SimulationSettings settings) {
        List<SimulatedEvent> events = new ArrayList<>();
        simulator.run(scenario, settings).forEachRemaining(events::add);
        return events;
    }

    /** One organisation (or campaign) of each of {@code kinds}. */
    static Scenario oneOfEach(String set, Set<ScenarioKind> kinds, Duration duration) {
        return new Scenario(set + "-kinds", "one of each " + set + " kind", duration,
                kinds.stream().sorted().map(kind -> ScenarioPart.of(kind, 1)).toList());
    }
}
