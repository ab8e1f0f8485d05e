package dev.moat.detect;

import java.time.Instant;
import java.util.List;

/**
 * Turns scenario parts into organisations (with their sign-up facts and labels) and the clients that
 * generate their traffic. All parameters that make one campaign differ from another — sizes, rates,
 * templates, material, infrastructure, sign-up waves — are drawn here from the planning random
 * generator, so a seed fixes them and another seed varies them.
 *
 * <p>Each kind is planned by the plans of its set ({@link OrdinaryPlans}, {@link CampaignPlans}, the held-out
 * campaign sets {@link Holdout2CampaignPlans} to {@link Holdout14CampaignPlans}, {@link HeldOutOrdinaryPlans},
 * {@link NewcomerPlans}), all
 * sharing one {@link PlanningState}: the draws happen in the order of the parts whichever plan makes them, so where
 * a kind's code lives changes nothing in the traffic a seed gives.
 */
final class ScenarioPlanner {

    private final PlanningState state;
    private final OrdinaryPlans ordinary;
    private final CampaignPlans campaigns;
    private final Holdout2CampaignPlans holdout2;
    private final Holdout3CampaignPlans holdout3;
    private final Holdout4CampaignPlans holdout4;
    private final Holdout5CampaignPlans holdout5;
    private final Holdout6CampaignPlans holdout6;
    private final Holdout7CampaignPlans holdout7;
    private final Holdout8CampaignPlans holdout8;
    private final Holdout9CampaignPlans holdout9;
    private final Holdout10CampaignPlans holdout10;
    private final Holdout11CampaignPlans holdout11;
    private final Holdout12CampaignPlans holdout12;
    private final Holdout13CampaignPlans holdout13;
    private final Holdout14CampaignPlans holdout14;
    private final HeldOutOrdinaryPlans heldOutOrdinary;
    private final NewcomerPlans newcomers;

    ScenarioPlanner(PromptSource prompts, long seed, Instant start, long durationMillis) {
        this.state = new PlanningState(prompts, seed, start, durationMillis);
        this.ordinary = new OrdinaryPlans(state);
        this.campaigns = new CampaignPlans(state);
        this.holdout2 = new Holdout2CampaignPlans(state);
        this.holdout3 = new Holdout3CampaignPlans(state);
        this.holdout4 = new Holdout4CampaignPlans(state);
        this.holdout5 = new Holdout5CampaignPlans(state);
        this.holdout6 = new Holdout6CampaignPlans(state);
        this.holdout7 = new Holdout7CampaignPlans(state);
        this.holdout8 = new Holdout8CampaignPlans(state);
        this.holdout9 = new Holdout9CampaignPlans(state);
        this.holdout10 = new Holdout10CampaignPlans(state);
        this.holdout11 = new Holdout11CampaignPlans(state);
        this.holdout12 = new Holdout12CampaignPlans(state);
        this.holdout13 = new Holdout13CampaignPlans(state);
        this.holdout14 = new Holdout14CampaignPlans(state);
        this.heldOutOrdinary = new HeldOutOrdinaryPlans(state);
        this.newcomers = new NewcomerPlans(state);
    }

    List<SimulatedOrg> orgs() {
        return state.orgs;
    }

    List<TrafficSource> sources() {
        return state.sources;
    }

    void plan(ScenarioPart part, double scale) {
        int count = part.kind().campaign() ? part.count() : Math.max(1, (int) Math.round(part.count() * scale));
        for (int i = 0; i < count; i++) {
            switch (part.kind()) {
                case CHAT -> ordinary.chat();
                case BATCH -> ordinary.batch();
                case RAG -> ordinary.rag();
                case CODING_AGENT -> ordinary.codingAgent();
                case EVAL_RUN -> ordinary.evalRun();
                case EVAL_SWEEP -> ordinary.evalSweep();
                case BOLD_HARVESTER -> campaigns.boldHarvester();
                case HYDRA -> campaigns.hydra(part.accounts(), scale);
                case LOW_AND_SLOW -> campaigns.lowAndSlow();
                case RESELLER -> campaigns.reseller();
                case REASONING_COERCION -> campaigns.reasoningCoercion();
                case GRADER -> campaigns.grader();
                case LOGIT_BIAS -> campaigns.logitBias();
                case LEAKED_KEY -> campaigns.leakedKey();
                case RESTRICTED_VPN -> campaigns.restrictedVpn();
                case HYDRA_VARIED -> holdout2.variedHydra(part.accounts(), scale);
                case DIALOGUE_HARVEST -> holdout2.dialogueHarvest();
                case OFFICE_DISTILLER -> holdout2.officeDistiller();
                case AGENT_HARVEST -> holdout3.agentHarvest();
                case AGED_ACCOUNTS -> holdout3.agedAccounts();
                case SOFT_LABELS -> holdout3.softLabels();
                case MULTILINGUAL_HARVEST -> holdout3.multilingualHarvest();
                case TUTORING_APP -> heldOutOrdinary.tutoringApp();
                case CONTEXT_HARVEST -> holdout4.contextHarvest();
                case PREFERENCE_PAIRS -> holdout4.preferencePairs();
                case PARAPHRASE_HARVEST -> holdout4.paraphraseHarvest();
                case BUNDLED_ITEMS -> holdout4.bundledItems();
                case JUDGE_SERVICE -> heldOutOrdinary.judgeService();
                case CRITIQUE_REWRITE -> holdout5.critiqueRewrite();
                case HUMAN_CADENCE -> holdout5.humanCadence();
                case COVER_NETWORK -> holdout5.coverNetwork();
                case ENTERPRISE_RAMP -> holdout5.enterpriseRamp();
                case DOC_LOCALISATION -> heldOutOrdinary.docLocalisation();
                case SEO_ARTICLES -> heldOutOrdinary.seoArticles();
                case SUPPORT_BOT -> heldOutOrdinary.supportBot();
                case PRE_LABELLING -> heldOutOrdinary.preLabelling();
                case OLYMPIAD_COACH -> heldOutOrdinary.olympiadCoach();
                case CODE_REVIEW_BOT -> heldOutOrdinary.codeReviewBot();
                case TRICKLE_SWARM -> holdout6.trickleSwarm();
                case EVOLVE_ITEMS -> holdout6.evolveItems();
                case SCHEMA_HARVEST -> holdout6.schemaHarvest();
                case TOOL_PLANS -> holdout6.toolPlans();
                case CATALOGUE_ENRICHMENT -> heldOutOrdinary.catalogueEnrichment();
                case THIN_PROBES -> holdout7.thinProbes();
                case PERSONA_REASONING -> holdout7.personaReasoning();
                case REPLY_PREFERENCE -> holdout7.replyPreference();
                case DECOY_MIX -> holdout7.decoyMix();
                case CONTRACT_REVIEW -> heldOutOrdinary.contractReview();
                case WRAPPER_INJECTION -> holdout8.wrapperInjection();
                case CLOUD_TWIN -> holdout8.cloudTwin();
                case SOCRATIC_STEPS -> holdout8.socraticSteps();
                case SELF_CHAT -> holdout8.selfChat();
                case NPC_DIALOGUE -> heldOutOrdinary.npcDialogue();
                case BURNER_CHAIN -> holdout9.burnerChain();
                case FEW_SHOT_REASONING -> holdout9.fewShotReasoning();
                case VERDICT_LOGPROBS -> holdout9.verdictLogprobs();
                case KEY_RELAY -> holdout9.keyRelay();
                case ESSAY_FEEDBACK -> heldOutOrdinary.essayFeedback();
                case PREFILL_CHUNKS -> holdout10.prefillChunks();
                case BIAS_SEARCH -> holdout10.biasSearch();
                case PROGRAMME_HYDRA -> holdout10.programmeHydra();
                case RESAMPLE_SPREAD -> holdout10.resampleSpread();
                case EDISCOVERY_REVIEW -> heldOutOrdinary.ediscoveryReview();
                case API_TRYOUT -> newcomers.apiTryout();
                case HACKATHON_TEAM -> newcomers.hackathonTeam();
                case STUDENT_REVISION -> newcomers.studentRevision();
                case STARTUP_PROTOTYPE -> newcomers.startupPrototype();
                case CREDITS_EXPERIMENT -> newcomers.creditsExperiment();
                case SHOP_CHATBOT -> newcomers.shopChatbot();
                case QUIET_HOURS_KEY -> holdout11.quietHoursKey();
                case CHURN_GRADER -> holdout11.churnGrader();
                case MIMIC_HYDRA -> holdout11.mimicHydra();
                case EVAL_SHARDS -> holdout11.evalShards();
                case NEWSROOM_DESK -> heldOutOrdinary.newsroomDesk();
                case CUT_STREAMS -> holdout12.cutStreams();
                case DORMANT_TAKEOVER -> holdout12.dormantTakeover();
                case STEP_LABELS -> holdout12.stepLabels();
                case AGGREGATOR_SPREAD -> holdout12.aggregatorSpread();
                case CLAIMS_TRIAGE -> heldOutOrdinary.claimsTriage();
                case CROWD_SEATS -> holdout13.crowdSeats();
                case PROGRAM_OF_THOUGHT -> holdout13.programOfThought();
                case SAMPLE_CENSUS -> holdout13.sampleCensus();
                case PHONE_OFFLOAD -> holdout13.phoneOffload();
                case MEDICAL_CODING -> heldOutOrdinary.medicalCoding();
                case REFUSAL_MAP -> holdout14.refusalMap();
                case FOLLOW_THE_SUN -> holdout14.followTheSun();
                case TOKENIZER_PROBE -> holdout14.tokenizerProbe();
                case CORPUS_SYNTHESIS -> holdout14.corpusSynthesis();
                case REGRESSION_SUITE -> heldOutOrdinary.regressionSuite();
            }
        }
    }
}
