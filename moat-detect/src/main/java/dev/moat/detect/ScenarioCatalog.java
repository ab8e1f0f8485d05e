package dev.moat.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named scenarios of {@code moat simulate --scenario NAME}:
 * <ul>
 *   <li>{@code mixed} — the benchmark: about 200 ordinary organisations of every kind and one or more
 *       campaigns of every harvesting kind at once, over a week;</li>
 *   <li>{@code ordinary} — the same ordinary organisations without any campaign (false-positive runs);</li>
 *   <li>{@code holdout} — a different mix (more evaluation runs, batch jobs and agents; two or more
 *       campaigns of most kinds) over five days, for checking a detector tuned on {@code mixed};</li>
 *   <li>{@code holdout2}, {@code holdout3} — held-out campaign variants, each set written without tuning a
 *       detector to it, in an ordinary background ({@code holdout3} adds many tutoring apps: step-by-step maths
 *       at volume that must be left alone);</li>
 *   <li>{@code holdout4} — a fourth held-out set, written blind to the detector: harvesting inside RAG
 *       requests, preference pairs, paraphrase laundering, several items per request; with evaluation
 *       companies grading against a rubric as hard ordinary cases;</li>
 *   <li>{@code holdout5} — a fifth held-out set, written blind to the detector: critique-and-rewrite requests,
 *       a team imitating human chat, a rotating network of small businesses' app keys with their own traffic, an
 *       enterprise pipeline ramping up beside its batch job; with localisation companies as hard ordinary cases;</li>
 *   <li>{@code holdout6} — a sixth held-out set, written blind to the detector: a swarm of unlinked personal
 *       accounts each harvesting a trickle through residential proxies, synthetic-data expansion of seed items, worked
 *       solutions harvested as a JSON pipeline's free-text field, tool-use plans through a function-calling product;
 *       with marketplaces enriching product listings as hard ordinary cases;</li>
 *   <li>{@code holdout7} — a seventh held-out set, written blind to the detector: output-layer probes spread thinly
 *       over many keys with small bias maps, reasoning coerced by personas in the system prompt, grading phrased as
 *       customer-support questions, harvesting diluted with made-up decoy chats; with law firms reviewing data rooms
 *       as hard ordinary cases;</li>
 *   <li>{@code holdout8} — an eighth held-out set, written blind to the detector: a reseller injecting harvesting
 *       sessions shaped like its users' into its own app's stream, a partner's leaked key used from the partner's own
 *       cloud with its client and system prompt, reasoning coerced one short step per turn, a synthetic-dialogue
 *       factory in which the model also writes the user's side; with game studios generating NPC dialogue as hard
 *       ordinary cases;</li>
 *   <li>{@code holdout9} — a ninth held-out set, written blind to the detector: a hydra of burner accounts each used
 *       for one session after signing up, reasoning coerced by worked examples in the prompt, a reward model distilled
 *       through a classifier's label probabilities, a small business's key resold to several buyers through a relay;
 *       with universities' essay feedback tools as hard ordinary cases;</li>
 *   <li>{@code holdout10} — a tenth held-out set, written blind to the detector: long answers bought in small pieces
 *       through prefill and continue turns, the output layer measured by searching a one-token logit bias without
 *       log-probabilities, a hydra opened through a university credits programme by recruited students,
 *       rejection-sampling data gathered one sample per key; with e-discovery relevance reviews as hard ordinary
 *       cases;</li>
 *   <li>{@code holdout11} — an eleventh held-out set, written blind to the detector: a partner's leaked key used only
 *       in its owner's quiet hours, a grader distilled through pairwise comparisons on keys that live a few hours, a
 *       hydra whose accounts each imitate an ordinary kind of customer, reasoning traces collected as evaluation runs
 *       over shards of the training material; with newsrooms' headline and summary desk tools as hard ordinary
 *       cases;</li>
 *   <li>{@code holdout12} — a twelfth held-out set, written blind to the detector: answers kept only up to their useful
 *       part by closing the stream, a hydra of genuine customers' dormant accounts taken over by credential stuffing,
 *       step-level reward labels bought in batches from a content-QA front, one harvester spread thinly over several API
 *       aggregators; with insurers' claims-triage pipelines as hard ordinary cases;</li>
 *   <li>{@code holdout13} — a thirteenth held-out set, written blind to the detector: a hydra of paid crowd workers'
 *       own accounts with their own chats beside the harvest, reasoning traces bought as commented programs, the output
 *       layer estimated by sampling short continuations again and again, harvesting offloaded onto a free consumer
 *       app's phones; with medical-coding companies' coding pipelines as hard ordinary cases;</li>
 *   <li>{@code holdout14} — a fourteenth held-out set, written blind to the detector: the model's safety judgment
 *       mapped through borderline requests from a hydra on residential proxies, a hydra that follows the sun through
 *       three regions' office hours, the tokenizer and chat template read from the usage of one-token requests, a
 *       synthetic pre-training corpus written for "educational content" studios; with product teams' prompt-regression
 *       suites in CI as hard ordinary cases;</li>
 *   <li>{@code ordinary2} — no campaign: five held-out ordinary kinds written blind to the detector (SEO article
 *       agencies, support bots, pre-labelling queues, an olympiad coaching platform, code-review bots), ten of each,
 *       in {@code holdout2}'s ordinary background, over five days (false-positive runs on unseen customers);</li>
 *   <li>{@code newcomers} — no campaign: six kinds of ordinary new accounts written blind to the detector (a developer
 *       trying the API once, hackathon teams, students doing homework or revising, start-ups wiring a prototype,
 *       small experiments on credits, shops' chatbots on a trial), about 800 at scale 1 signing up one at a time from
 *       three days before the period to its end, in {@code holdout2}'s ordinary background, over five days
 *       (false-positive runs on new accounts);</li>
 *   <li>{@code demo} — small: a few ordinary organisations, one hydra of 60 accounts, and one key used
 *       from a restricted country through a VPN, over a day;</li>
 *   <li>one per campaign kind ({@code hydra}, {@code bold-harvester}, …) — that campaign in a small
 *       ordinary background, over three days.</li>
 * </ul>
 */
public final class ScenarioCatalog {

    private static final Map<String, Scenario> SCENARIOS = build();

    private ScenarioCatalog() {
    }

    public static List<String> names() {
        return List.copyOf(SCENARIOS.keySet());
    }

    public static List<Scenario> all() {
        return List.copyOf(SCENARIOS.values());
    }

    /** The scenario of that name; a {@link SimulationException} listing the known names otherwise. */
    public static Scenario named(String name) {
        Scenario scenario = SCENARIOS.get(name);
        if (scenario == null) {
            throw new SimulationException("unknown scenario \"" + name + "\" (expected one of: "
                    + String.join(", ", SCENARIOS.keySet()) + ")");
        }
        return scenario;
    }

    /**
     * The ordinary background of the held-out sets since {@code holdout2} (60 chat, 25 batch, 15 RAG, 25 coding-agent
     * and 8 evaluation organisations), followed by {@code parts}.
     */
    private static List<ScenarioPart> heldOutBackground(ScenarioPart... parts) {
        List<ScenarioPart> all = new ArrayList<>(List.of(
                ScenarioPart.of(ScenarioKind.CHAT, 60), ScenarioPart.of(ScenarioKind.BATCH, 25),
                ScenarioPart.of(ScenarioKind.RAG, 15), ScenarioPart.of(ScenarioKind.CODING_AGENT, 25),
                ScenarioPart.of(ScenarioKind.EVAL_RUN, 8)));
        all.addAll(List.of(parts));
        return List.copyOf(all);
    }

    private static Map<String, Scenario> build() {
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        List<ScenarioPart> ordinary = List.of(
                ScenarioPart.of(ScenarioKind.CHAT, 120), ScenarioPart.of(ScenarioKind.BATCH, 25),
                ScenarioPart.of(ScenarioKind.RAG, 25), ScenarioPart.of(ScenarioKind.CODING_AGENT, 25),
                ScenarioPart.of(ScenarioKind.EVAL_RUN, 6));
        List<ScenarioPart> mixed = new ArrayList<>(ordinary);
        mixed.addAll(List.of(
                ScenarioPart.of(ScenarioKind.BOLD_HARVESTER, 1), ScenarioPart.of(ScenarioKind.HYDRA, 1),
                ScenarioPart.of(ScenarioKind.LOW_AND_SLOW, 3), ScenarioPart.of(ScenarioKind.RESELLER, 1),
                ScenarioPart.of(ScenarioKind.REASONING_COERCION, 1), ScenarioPart.of(ScenarioKind.GRADER, 1),
                ScenarioPart.of(ScenarioKind.LOGIT_BIAS, 1), ScenarioPart.of(ScenarioKind.LEAKED_KEY, 1)));
        put(scenarios, new Scenario("mixed", "every ordinary kind and every harvesting campaign at once (the benchmark)",
                Duration.ofDays(7), mixed));
        put(scenarios, new Scenario("ordinary", "ordinary organisations only, no campaign", Duration.ofDays(7),
                ordinary));
        put(scenarios, new Scenario("holdout",
                "a different mix for checking a tuned detector: more hard ordinary cases, several campaigns of each kind",
                Duration.ofDays(5), List.of(
                        ScenarioPart.of(ScenarioKind.EVAL_RUN, 15), ScenarioPart.of(ScenarioKind.BATCH, 40),
                        ScenarioPart.of(ScenarioKind.CODING_AGENT, 40), ScenarioPart.of(ScenarioKind.CHAT, 60),
                        ScenarioPart.of(ScenarioKind.RAG, 15),
                        ScenarioPart.of(ScenarioKind.HYDRA, 2), ScenarioPart.of(ScenarioKind.LOW_AND_SLOW, 5),
                        ScenarioPart.of(ScenarioKind.RESELLER, 2), ScenarioPart.of(ScenarioKind.REASONING_COERCION, 2),
                        ScenarioPart.of(ScenarioKind.GRADER, 2), ScenarioPart.of(ScenarioKind.LOGIT_BIAS, 2),
                        ScenarioPart.of(ScenarioKind.LEAKED_KEY, 2), ScenarioPart.of(ScenarioKind.BOLD_HARVESTER, 1))));
        put(scenarios, new Scenario("holdout2",
                "held-out campaign variants written after the detector was tuned: a hydra sharing no template, "
                        + "harvesting through conversations, an office-hours distiller with moderate budgets",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.HYDRA_VARIED, 2), ScenarioPart.of(ScenarioKind.DIALOGUE_HARVEST, 2),
                        ScenarioPart.of(ScenarioKind.OFFICE_DISTILLER, 2))));
        put(scenarios, new Scenario("holdout3",
                "held-out campaign variants written blind to the detector: harvesting disguised as coding agents, "
                        + "bought aged standard accounts, soft-label logprob harvesting over many keys, a multilingual "
                        + "distiller; and tutoring apps as hard ordinary cases",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.TUTORING_APP, 12),
                        ScenarioPart.of(ScenarioKind.AGENT_HARVEST, 2), ScenarioPart.of(ScenarioKind.AGED_ACCOUNTS, 2),
                        ScenarioPart.of(ScenarioKind.SOFT_LABELS, 2),
                        ScenarioPart.of(ScenarioKind.MULTILINGUAL_HARVEST, 2))));
        put(scenarios, new Scenario("holdout4",
                "held-out campaign variants written blind to the detector: harvesting inside RAG requests, "
                        + "preference pairs, material paraphrased through the model before it is asked, several "
                        + "items per request; and evaluation companies grading with a rubric as hard ordinary cases",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.JUDGE_SERVICE, 12),
                        ScenarioPart.of(ScenarioKind.CONTEXT_HARVEST, 2), ScenarioPart.of(ScenarioKind.PREFERENCE_PAIRS, 2),
                        ScenarioPart.of(ScenarioKind.PARAPHRASE_HARVEST, 2),
                        ScenarioPart.of(ScenarioKind.BUNDLED_ITEMS, 2))));
        put(scenarios, new Scenario("holdout5",
                "held-out campaign variants written blind to the detector: critique-and-rewrite self-improvement data, "
                        + "a team imitating human chat, items routed through a rotating network of small businesses' "
                        + "app keys, an enterprise pipeline ramping up beside its genuine batch job; and localisation "
                        + "companies translating documentation as hard ordinary cases",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.DOC_LOCALISATION, 12),
                        ScenarioPart.of(ScenarioKind.CRITIQUE_REWRITE, 2), ScenarioPart.of(ScenarioKind.HUMAN_CADENCE, 2),
                        ScenarioPart.of(ScenarioKind.COVER_NETWORK, 2),
                        ScenarioPart.of(ScenarioKind.ENTERPRISE_RAMP, 2))));
        put(scenarios, new Scenario("holdout6",
                "held-out campaign variants written blind to the detector: a trickle from a swarm of unlinked personal "
                        + "accounts behind residential proxies, new items generated from seed items with solutions, "
                        + "reasoning harvested as a JSON pipeline's free-text field, tool-use plans through a "
                        + "function-calling product; and marketplaces enriching product listings as hard ordinary cases",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.CATALOGUE_ENRICHMENT, 12),
                        ScenarioPart.of(ScenarioKind.TRICKLE_SWARM, 2), ScenarioPart.of(ScenarioKind.EVOLVE_ITEMS, 2),
                        ScenarioPart.of(ScenarioKind.SCHEMA_HARVEST, 2), ScenarioPart.of(ScenarioKind.TOOL_PLANS, 2))));
        put(scenarios, new Scenario("holdout7",
                "held-out campaign variants written blind to the detector: output-layer probes spread thinly over many "
                        + "keys with small bias maps, reasoning coerced by personas in the system prompt, grading "
                        + "phrased as customer-support questions, harvesting diluted with made-up decoy chats; and law "
                        + "firms reviewing data rooms as hard ordinary cases",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.CONTRACT_REVIEW, 12),
                        ScenarioPart.of(ScenarioKind.THIN_PROBES, 2), ScenarioPart.of(ScenarioKind.PERSONA_REASONING, 2),
                        ScenarioPart.of(ScenarioKind.REPLY_PREFERENCE, 2), ScenarioPart.of(ScenarioKind.DECOY_MIX, 2))));
        put(scenarios, new Scenario("holdout8",
                "held-out campaign variants written blind to the detector: a reseller injecting harvesting sessions shaped "
                        + "like its users' into its own app, a partner's leaked key used from the partner's own cloud, "
                        + "reasoning coerced one short step per turn, a dialogue factory in which the model also writes "
                        + "the user's side; and game studios generating NPC dialogue as hard ordinary cases",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.NPC_DIALOGUE, 12),
                        ScenarioPart.of(ScenarioKind.WRAPPER_INJECTION, 2), ScenarioPart.of(ScenarioKind.CLOUD_TWIN, 2),
                        ScenarioPart.of(ScenarioKind.SOCRATIC_STEPS, 2), ScenarioPart.of(ScenarioKind.SELF_CHAT, 2))));
        put(scenarios, new Scenario("holdout9",
                "held-out campaign variants written blind to the detector: a hydra of burner accounts used for one "
                        + "session each, reasoning coerced by worked examples, a reward model distilled through a "
                        + "classifier's label probabilities, a small business's key resold to several buyers through a "
                        + "relay; and universities' essay feedback tools as hard ordinary cases",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.ESSAY_FEEDBACK, 12),
                        ScenarioPart.of(ScenarioKind.BURNER_CHAIN, 2), ScenarioPart.of(ScenarioKind.FEW_SHOT_REASONING, 2),
                        ScenarioPart.of(ScenarioKind.VERDICT_LOGPROBS, 2), ScenarioPart.of(ScenarioKind.KEY_RELAY, 2))));
        put(scenarios, new Scenario("holdout10",
                "held-out campaign variants written blind to the detector: long answers bought in small pieces through "
                        + "prefill and continue turns, the output layer measured by searching a one-token logit bias "
                        + "without logprobs, a hydra opened through a university credits programme, rejection-sampling "
                        + "data gathered one sample per key; and e-discovery relevance reviews as hard ordinary cases",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.EDISCOVERY_REVIEW, 12),
                        ScenarioPart.of(ScenarioKind.PREFILL_CHUNKS, 2), ScenarioPart.of(ScenarioKind.BIAS_SEARCH, 2),
                        ScenarioPart.of(ScenarioKind.PROGRAMME_HYDRA, 2),
                        ScenarioPart.of(ScenarioKind.RESAMPLE_SPREAD, 2))));
        put(scenarios, new Scenario("holdout11",
                "held-out campaign variants written blind to the detector: a partner's leaked key used only in its "
                        + "owner's quiet hours, a grader distilled through pairwise comparisons on short-lived keys, a "
                        + "hydra whose accounts each imitate an ordinary kind of customer, reasoning traces collected as "
                        + "evaluation runs over shards of training material; and newsrooms' headline and summary desk "
                        + "tools as hard ordinary cases",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.NEWSROOM_DESK, 12),
                        ScenarioPart.of(ScenarioKind.QUIET_HOURS_KEY, 2), ScenarioPart.of(ScenarioKind.CHURN_GRADER, 2),
                        ScenarioPart.of(ScenarioKind.MIMIC_HYDRA, 2), ScenarioPart.of(ScenarioKind.EVAL_SHARDS, 2))));
        put(scenarios, new Scenario("holdout12",
                "held-out campaign variants written blind to the detector: answers kept only up to their useful part by "
                        + "closing the stream, a hydra of customers' dormant accounts taken over by credential stuffing, "
                        + "step-level reward labels bought in batches from a content-QA front, one harvester spread "
                        + "thinly over several API aggregators; and insurers' claims-triage pipelines as hard ordinary "
                        + "cases",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.CLAIMS_TRIAGE, 12),
                        ScenarioPart.of(ScenarioKind.CUT_STREAMS, 2), ScenarioPart.of(ScenarioKind.DORMANT_TAKEOVER, 2),
                        ScenarioPart.of(ScenarioKind.STEP_LABELS, 2),
                        ScenarioPart.of(ScenarioKind.AGGREGATOR_SPREAD, 2))));
        put(scenarios, new Scenario("holdout13",
                "held-out campaign variants written blind to the detector: a hydra of paid crowd workers' own accounts "
                        + "with their own chats beside the harvest, reasoning traces bought as commented programs, the "
                        + "output layer estimated by sampling short continuations again and again, harvesting offloaded "
                        + "onto a free consumer app's phones; and medical-coding companies' coding pipelines as hard "
                        + "ordinary cases",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.MEDICAL_CODING, 12),
                        ScenarioPart.of(ScenarioKind.CROWD_SEATS, 2), ScenarioPart.of(ScenarioKind.PROGRAM_OF_THOUGHT, 2),
                        ScenarioPart.of(ScenarioKind.SAMPLE_CENSUS, 2), ScenarioPart.of(ScenarioKind.PHONE_OFFLOAD, 2))));
        put(scenarios, new Scenario("holdout14",
                "held-out campaign variants written blind to the detector: the model's safety judgment mapped through "
                        + "borderline requests from a hydra on residential proxies, a hydra that follows the sun through "
                        + "three regions' office hours, the tokenizer and chat template read from the usage of one-token "
                        + "requests, a synthetic pre-training corpus written for educational content studios; and "
                        + "product teams' prompt-regression suites in CI as hard ordinary cases",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.REGRESSION_SUITE, 12),
                        ScenarioPart.of(ScenarioKind.REFUSAL_MAP, 2), ScenarioPart.of(ScenarioKind.FOLLOW_THE_SUN, 2),
                        ScenarioPart.of(ScenarioKind.TOKENIZER_PROBE, 2),
                        ScenarioPart.of(ScenarioKind.CORPUS_SYNTHESIS, 2))));
        put(scenarios, new Scenario("evaluations",
                "model evaluations on a public benchmark from standard and self-serve accounts, with the budgets and "
                        + "thinking of reasoning models, beside reasoning-coercion and bold harvesters: the ordinary "
                        + "kind a harvester's events resemble most, in holdout2's background",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.EVAL_SWEEP, 20),
                        ScenarioPart.of(ScenarioKind.REASONING_COERCION, 2),
                        ScenarioPart.of(ScenarioKind.BOLD_HARVESTER, 1))));
        put(scenarios, new Scenario("ordinary2",
                "held-out ordinary kinds written blind to the detector, no campaign: SEO article agencies, support bots, "
                        + "pre-labelling queues, an olympiad coaching platform, code-review bots, in holdout2's background",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.SEO_ARTICLES, 10),
                        ScenarioPart.of(ScenarioKind.SUPPORT_BOT, 10), ScenarioPart.of(ScenarioKind.PRE_LABELLING, 10),
                        ScenarioPart.of(ScenarioKind.OLYMPIAD_COACH, 10),
                        ScenarioPart.of(ScenarioKind.CODE_REVIEW_BOT, 10))));
        put(scenarios, new Scenario("newcomers",
                "ordinary new accounts only, written blind to the detector, no campaign: about 800 newcomers at scale 1 "
                        + "signing up one at a time (a Poisson stream, no waves) from three days before the period to its "
                        + "last day, on free, trial, developer, self-serve and programme tiers, with free-mail, university "
                        + "and company addresses and cards of their own — 300 developers trying the API once (one sitting "
                        + "of 10-60 requests right after sign-up, any budget up to 32k, then never again), 60 hackathon "
                        + "teams (2-5 people, one key, bursts of similar requests through one template for 24-48 hours, "
                        + "then silence), 200 students doing homework or exam revision in the evening (maths, code and "
                        + "general questions, step by step, follow-ups), 80 start-ups wiring a prototype (system prompt "
                        + "over their own documents, growing 30-90 % a day, one evaluation of 50-300 questions with "
                        + "8-32k budgets), 60 small experiments on credits (100-500 single-turn questions, one to three "
                        + "configurations with 4-32k budgets or thinking) and 100 shops' chatbots on a trial (the owner's "
                        + "test sitting, then visitors' short questions) — in holdout2's ordinary background",
                Duration.ofDays(5), heldOutBackground(
                        ScenarioPart.of(ScenarioKind.API_TRYOUT, 300), ScenarioPart.of(ScenarioKind.HACKATHON_TEAM, 60),
                        ScenarioPart.of(ScenarioKind.STUDENT_REVISION, 200),
                        ScenarioPart.of(ScenarioKind.STARTUP_PROTOTYPE, 80),
                        ScenarioPart.of(ScenarioKind.CREDITS_EXPERIMENT, 60),
                        ScenarioPart.of(ScenarioKind.SHOP_CHATBOT, 100))));
        put(scenarios, new Scenario("demo",
                "a few ordinary organisations, one hydra of 60 accounts, one key used from a restricted country via VPN",
                Duration.ofDays(1), List.of(
                        ScenarioPart.of(ScenarioKind.CHAT, 4), ScenarioPart.of(ScenarioKind.BATCH, 1),
                        ScenarioPart.of(ScenarioKind.RAG, 1), ScenarioPart.of(ScenarioKind.CODING_AGENT, 1),
                        new ScenarioPart(ScenarioKind.HYDRA, 1, 60), ScenarioPart.of(ScenarioKind.RESTRICTED_VPN, 1))));
        List<ScenarioPart> background = List.of(
                ScenarioPart.of(ScenarioKind.CHAT, 20), ScenarioPart.of(ScenarioKind.BATCH, 5),
                ScenarioPart.of(ScenarioKind.RAG, 4), ScenarioPart.of(ScenarioKind.CODING_AGENT, 4),
                ScenarioPart.of(ScenarioKind.EVAL_RUN, 2));
        for (ScenarioKind kind : ScenarioKind.values()) {
            if (kind.campaign()) {
                List<ScenarioPart> parts = new ArrayList<>(background);
                parts.add(ScenarioPart.of(kind, 1));
                put(scenarios, new Scenario(kind.label(), "one " + kind.label() + " campaign in a small ordinary background",
                        Duration.ofDays(3), parts));
            }
        }
        return Collections.unmodifiableMap(scenarios);
    }

    private static void put(Map<String, Scenario> scenarios, Scenario scenario) {
        if (scenarios.putIfAbsent(scenario.name(), scenario) != null) {
            throw new IllegalStateException("two scenarios named " + scenario.name());
        }
    }
}
