package dev.moat.detect;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of organisation a scenario is made of: ordinary customers and misuse campaigns. */
public enum ScenarioKind {
    /** People chatting: teams with their own keys, and apps relaying their end users' chats. */
    CHAT("chat", false),
    /** Enterprise batch jobs: one fixed template and system prompt, nightly. */
    BATCH("batch", false),
    /** Retrieval-augmented apps. */
    RAG("rag", false),
    /** Coding agents: many similar tool-use requests in quick succession. */
    CODING_AGENT("coding-agent", false),
    /** Evaluation runs over a public benchmark. */
    EVAL_RUN("eval-run", false),
    /** One account harvesting openly, around the clock, at a high rate. */
    BOLD_HARVESTER("bold-harvester", true),
    /** A hydra: 50–500 small accounts with shared templates, payment and infrastructure subsets and load-balanced timing. */
    HYDRA("hydra", true),
    /** Harvesters that stay under every limit, slowly, for a long time. */
    LOW_AND_SLOW("low-and-slow", true),
    /** A reseller whose real customers' traffic hides one customer's harvesting. */
    RESELLER("reseller", true),
    /** Coercing the model to write out its full reasoning. */
    REASONING_COERCION("reasoning-coercion", true),
    /** Using the model as a grader / reward model. */
    GRADER("grader", true),
    /** Logit-bias and logprob probing of the output layer. */
    LOGIT_BIAS("logit-bias", true),
    /** A vetted partner's key, leaked and used by a harvester alongside the partner's own traffic. */
    LEAKED_KEY("leaked-key", true),
    /** A key used from a restricted country through a VPN (the demo's export-control case). */
    RESTRICTED_VPN("restricted-vpn", true),
    /**
     * Held out: a hydra whose accounts each have their own template, wrapper and client — nothing in
     * the prompts is shared; only payment and infrastructure subsets, sign-up waves and slot timing are.
     */
    HYDRA_VARIED("hydra-varied", true),
    /** Held out: harvesting spread over conversations, with follow-ups asking to go through each step again. */
    DIALOGUE_HARVEST("dialogue-harvest", true),
    /**
     * Held out: an established account distilling during office hours from its office's residential
     * addresses, with a moderate completion budget and no thinking, no telling wording.
     */
    OFFICE_DISTILLER("office-distiller", true),
    /**
     * Held out (holdout3): harvesting disguised as coding agents' tool-use traffic — each harvested item is
     * an agent task run as a loop of tool calls and results that ends in the complete solution, from
     * developers' keys of one organisation, in working-day sessions, with coding-agent clients.
     */
    AGENT_HARVEST("agent-harvest", true),
    /**
     * Held out (holdout3): a distiller using aged, established standard-tier organisations bought from their
     * owners — each with its own company, card, e-mail domain, country and residential addresses, no sign-up
     * waves — each doing a modest share in its own country's working day.
     */
    AGED_ACCOUNTS("aged-accounts", true),
    /**
     * Held out (holdout3): soft-label distillation — ordinary-looking requests with {@code logprobs} and
     * {@code top_logprobs} but no {@code logit_bias} and an ordinary completion budget, spread thinly over
     * many keys of several unlinked organisations.
     */
    SOFT_LABELS("soft-labels", true),
    /**
     * Held out (holdout3): a multilingual distiller posing as a localisation workload — every item goes out
     * with an instruction in one of its target languages (answer in X, or translate into X and solve), so
     * no English template wording is shared.
     */
    MULTILINGUAL_HARVEST("multilingual-harvest", true),
    /**
     * Held out (holdout3), ordinary: a tutoring app relaying many students' homework questions (maths word
     * problems, step-by-step explanations, follow-ups) through one key from its servers.
     */
    TUTORING_APP("tutoring-app", false),
    /**
     * Held out (holdout4): harvesting inside retrieval-augmented requests — an established app's key sends a
     * fixed "answer from the documents" system prompt, a few passages of ordinary documentation text and, as the
     * question, an item of the material; its answer is what is harvested. No harvesting template, app-like shape.
     */
    CONTEXT_HARVEST("context-harvest", true),
    /**
     * Held out (holdout4): preference-data harvesting for reward-model training — each request gets two or three
     * complete answers to one item ({@code n} of 2–3 at a high temperature, or two alternatives asked for in
     * varied wording), so the request count is a fraction of the harvest; several unlinked organisations.
     */
    PREFERENCE_PAIRS("preference-pairs", true),
    /**
     * Held out (holdout4): material laundered through the model — a nightly rewriting job paraphrases the items,
     * and keys of other, unlinked organisations ask the paraphrases bare, so harvesting requests contain no
     * dataset sentence and no template.
     */
    PARAPHRASE_HARVEST("paraphrase-harvest", true),
    /**
     * Held out (holdout4): a "synthetic data vendor" packing 3–12 items into each request (JSON array, numbered
     * list or sections) and asking for a complete answer to each: few, long requests at a low, working-day rate.
     */
    BUNDLED_ITEMS("bundled-items", true),
    /**
     * Held out (holdout4), ordinary: an evaluation company grading its clients' chatbot conversations against a
     * fixed rubric (JSON scores), at volume through a few keys from its servers.
     */
    JUDGE_SERVICE("judge-service", false),
    /**
     * Held out (holdout5): self-improvement data — each request sends an item with the distiller's own student
     * model's incomplete draft and asks for a critique and then the complete corrected answer, in wording
     * assembled per request (no fixed template), from a few unlinked "learning platform" organisations.
     */
    CRITIQUE_REWRITE("critique-rewrite", true),
    /**
     * Held out (holdout5): a distiller imitating people at a chat window — many seats of one established team
     * organisation, chat clients, office and home addresses, working-day sessions with think times, items pasted
     * into conversations followed by short casual follow-ups.
     */
    HUMAN_CADENCE("human-cadence", true),
    /**
     * Held out (holdout5): a network of aged small businesses' app keys, each with its own genuine end-user
     * traffic, through which the campaign routes items in the app's own request shape; the harvest rotates
     * from business to business in windows of hours, so each key harvests only now and then.
     */
    COVER_NETWORK("cover-network", true),
    /**
     * Held out (holdout5): an established enterprise account whose genuine nightly batch job and RAG app share
     * the key with an "internal pipeline" of harvested items that ramps up gradually from day to day, on the
     * same servers, client and schedule as its batch job.
     */
    ENTERPRISE_RAMP("enterprise-ramp", true),
    /**
     * Held out (holdout5), ordinary: a localisation company translating its clients' product documentation,
     * each section into several languages one after the other, under one template, at volume, from its servers.
     */
    DOC_LOCALISATION("doc-localisation", false),
    /**
     * Held out (ordinary2), ordinary: a content-marketing agency turning its clients' briefs into long SEO
     * articles — one brief template, single-shot requests, 8–16 k token budgets mostly used — from its servers.
     */
    SEO_ARTICLES("seo-articles", false),
    /**
     * Held out (ordinary2), ordinary: a SaaS company's support-deflection bot relaying its customers' questions in
     * several languages under one long system prompt, around the clock, through one key from its servers.
     */
    SUPPORT_BOT("support-bot", false),
    /**
     * Held out (ordinary2), ordinary: a data-labelling company pre-labelling its clients' items with step-by-step
     * annotation guidelines that ask for the reasoning, for annotators working in shifts around the clock.
     */
    PRE_LABELLING("pre-labelling", false),
    /**
     * Held out (ordinary2), ordinary: a new self-serve maths-olympiad coaching platform whose students get complete
     * rigorous solutions with extended thinking on and 16–32 k token budgets.
     */
    OLYMPIAD_COACH("olympiad-coach", false),
    /**
     * Held out (ordinary2), ordinary: a large company's code-review bot reviewing every changed file of every pull
     * request from its CI, in bursts, around the clock across three continents.
     */
    CODE_REVIEW_BOT("code-review-bot", false),
    /**
     * Held out (holdout6): a swarm of 60–150 unlinked personal accounts (free-mail addresses, own cards, aged, no
     * sign-up waves), each harvesting a trickle of items through its own residential-proxy /24 and a chat client,
     * following its own country's day; only their sum is a harvest.
     */
    TRICKLE_SWARM("trickle-swarm", true),
    /**
     * Held out (holdout6): synthetic-data expansion — each request shows one seed item and asks for two to five new,
     * varied items like it with full solutions (never the item itself), in wording assembled per request, from a few
     * unlinked "worksheet generator" organisations.
     */
    EVOLVE_ITEMS("evolve-items", true),
    /**
     * Held out (holdout6): worked solutions harvested as a JSON pipeline's output — each of a few unlinked established
     * organisations has its own schema whose innocuously named free-text field receives the reasoning; the user text
     * is a record header and the item, with no elicitation wording.
     */
    SCHEMA_HARVEST("schema-harvest", true),
    /**
     * Held out (holdout6): tool-use traces for training an agent — one "automation product" with a key per customer
     * workspace sends single function-calling turns (tool definitions, its system prompt, an item as the user's
     * request) from serverless functions in several regions.
     */
    TOOL_PLANS("tool-plans", true),
    /**
     * Held out (holdout6), ordinary: an online marketplace enriching its merchants' product listings (title, bullets,
     * description, keywords as JSON) under one template: a nightly import of thousands plus the day's uploads.
     */
    CATALOGUE_ENRICHMENT("catalogue-enrichment", false),
    /**
     * Ordinary (session 7): a research team or a start-up on a standard or self-serve account evaluating models on
     * GSM8K's test split from a server — one to three passes, each in a chain-of-thought template, with budgets of
     * 2,048–8,192 tokens and, for reasoning models, thinking: in its events a reasoning-coercion campaign.
     */
    EVAL_SWEEP("eval-sweep", false),
    /**
     * Held out (holdout7): output-layer extraction spread thin — many keys of unlinked organisations, each sending a
     * few ordinary-looking requests an hour with {@code logprobs}, a small {@code top_logprobs} and a small
     * {@code logit_bias} map that changes from request to request, at ordinary completion budgets.
     */
    THIN_PROBES("thin-probes", true),
    /**
     * Held out (holdout7): reasoning coercion carried by a persona — each key's system prompt describes a character who
     * narrates how they reach every result; the user turn is the bare item, thinking off, no telling wording in it.
     */
    PERSONA_REASONING("persona-reasoning", true),
    /**
     * Held out (holdout7): the model used as a grader through product questions — "a customer wrote this; which of
     * these two replies would they be happier with?" — in wording assembled per request, from a few unlinked
     * "customer-experience" organisations; the preferences and their reasons are the harvest.
     */
    REPLY_PREFERENCE("reply-preference", true),
    /**
     * Held out (holdout7): a distiller diluting its focus with decoys — every key of a few established organisations
     * interleaves the campaign's items (from every harvesting pool) with ordinary chat conversations it makes up
     * itself, so topics are broad and half the traffic is multi-turn; only the items are harvesting.
     */
    DECOY_MIX("decoy-mix", true),
    /**
     * Held out (holdout7), ordinary: a law firm's due-diligence review of a deal's data room — one template asking for
     * every material clause with the reasoning behind its risk rating, in bursts of hundreds of contracts, and its
     * associates' questions through the working day.
     */
    CONTRACT_REVIEW("contract-review", false),
    /**
     * Held out (holdout8): a reseller that is the harvester — an established writing-assistant app with hundreds of
     * genuine end users injects its own harvesting sessions as 12–20 % of its sessions, under its app's system prompt,
     * budget and client, following its users' day, with the follow-up messages its real users send.
     */
    WRAPPER_INJECTION("wrapper-injection", true),
    /**
     * Held out (holdout8): a vetted partner's leaked key used from the partner's own cloud provider and country (another
     * /24 of the same hosting block), with the partner's client library and its internal assistant's system prompt,
     * in chat-shaped sessions that follow the partner's working day.
     */
    CLOUD_TWIN("cloud-twin", true),
    /**
     * Held out (holdout8): reasoning coercion one step at a time — "homework hint" apps whose virtual students ask for
     * only the first part of a problem, then the next, then the result, so each answer is one short step and the whole
     * chain of thought is reassembled from many short turns, with no elicitation wording and small budgets.
     */
    SOCRATIC_STEPS("socratic-steps", true),
    /**
     * Held out (holdout8): a synthetic-dialogue factory — the model plays both sides: one request asks it to write the
     * user's next message from the transcript, the next answers that message with the whole conversation, so every
     * follow-up is new, specific wording and the harvest is deep multi-turn conversations.
     */
    SELF_CHAT("self-chat", true),
    /**
     * Held out (holdout8), ordinary: a game studio generating its non-player characters' dialogue — bulk content passes
     * on the build farm under one template (several variants per character, long JSON output, high temperature) and its
     * writers iterating on scenes through the working day.
     */
    NPC_DIALOGUE("npc-dialogue", false),
    /**
     * Held out (holdout9): a hydra of burner accounts — self-serve sign-ups one at a time through the whole period (no
     * waves), each with its own free-mail address, card and residential-proxy exit, used for a single session of one to
     * three hours right after it signs up and then abandoned, so no account lives long or harvests much.
     */
    BURNER_CHAIN("burner-chain", true),
    /**
     * Held out (holdout9): reasoning coercion by example — each request carries two worked solutions of the material as
     * earlier turns (or as a few-shot block) before the item, so the model imitates their full working without any
     * word asking for it; thinking off, moderate budgets.
     */
    FEW_SHOT_REASONING("few-shot-reasoning", true),
    /**
     * Held out (holdout9): a reward model distilled through a classifier's probabilities — an item and one candidate
     * answer, a one-word correct/incorrect label asked for with {@code logprobs} and a small {@code top_logprobs}, no
     * {@code logit_bias}, a short (not one-token) budget: what the harvest keeps is the label's probability.
     */
    VERDICT_LOGPROBS("verdict-logprobs", true),
    /**
     * Held out (holdout9): a small business's key sold on a key marketplace and shared by several buyers at once through
     * the seller's relay, which sends everything from residential addresses of the owner's country with the owner's
     * client; some buyers only chat, others harvest, each in its own style and its own day.
     */
    KEY_RELAY("key-relay", true),
    /**
     * Held out (holdout9), ordinary: a university's writing-feedback tool — students' essay drafts against the
     * assignment's rubric in the evening, and at each deadline a burst of final submissions given a one-letter band
     * with its log-probabilities, so uncertain ones go to a human marker.
     */
    ESSAY_FEEDBACK("essay-feedback", false),
    /**
     * Held out (holdout10): long answers bought in pieces — each item asked with a small budget (96–192 tokens), and
     * every time the answer stops at the budget the next piece is asked with the answer so far as a trailing assistant
     * turn (prefill) or after a short "continue", so no request asks for much, every request but the first of an item
     * is multi-turn, and only the pieces put together are the complete answer.
     */
    PREFILL_CHUNKS("prefill-chunks", true),
    /**
     * Held out (holdout10): output-layer extraction from the top token alone — no {@code logprobs}, a {@code logit_bias}
     * of one or two entries and a budget of a few tokens (never one): the bias on a token is searched, request by
     * request, until that token wins, which measures its logit; each key keeps several prompts in flight and
     * interleaves their searches.
     */
    BIAS_SEARCH("bias-search", true),
    /**
     * Held out (holdout10): a hydra opened through a university credits programme — 40–120 accounts of the programme's
     * tier, each signed up by a different recruited student (a university address, own card, own home connection) during
     * the programme's intake weeks, each harvesting a little through its own "student project" with its own system
     * prompt and client, in its students' evening.
     */
    PROGRAMME_HYDRA("programme-hydra", true),
    /**
     * Held out (holdout10): rejection-sampling data — every item of a fixed list is sampled several times at a high
     * temperature, one sample per key: each key of a few unlinked organisations walks the whole list once in its own
     * order, {@code n} of 1, so no key repeats an item and no request asks for more than one answer.
     */
    RESAMPLE_SPREAD("resample-spread", true),
    /**
     * Held out (holdout10), ordinary: an e-discovery vendor's first-pass relevance review for a litigation matter — each
     * document of a production coded under the matter's review protocol with a {@code logit_bias} that allows only the
     * coding labels and a one-token budget, in bursts of thousands, and its reviewers' questions through the working day.
     */
    EDISCOVERY_REVIEW("ediscovery-review", false),
    /**
     * Ordinary newcomers (newcomers set): a developer trying the API once — signs up during the period and right away
     * sends one sitting of 10–60 requests from a quick-start client (a greeting, chat and programming questions, some
     * re-sent with other parameters, any budget up to 32,000 tokens), then never comes back.
     */
    API_TRYOUT("api-tryout", false),
    /**
     * Ordinary newcomers (newcomers set): a hackathon team of 2–5 on one new key building a demo over 24–48 hours after
     * signing up, in bursts of similar requests through its idea's one template, from the venue and from home; silent
     * after the demo.
     */
    HACKATHON_TEAM("hackathon-team", false),
    /**
     * Ordinary newcomers (newcomers set): a student on the free tier or student credits doing homework or exam revision
     * in a chat client in the evening — maths word problems, programming and general questions, often asking for the
     * steps, with follow-ups; those revising stop after their exam.
     */
    STUDENT_REVISION("student-revision", false),
    /**
     * Ordinary newcomers (newcomers set): a start-up wiring the API into its prototype — a system prompt over its own
     * documents, founders testing from home, the prototype going live on its servers with traffic growing by the day,
     * and one small evaluation of its users' questions with 8–32 k budgets.
     */
    STARTUP_PROTOTYPE("startup-prototype", false),
    /**
     * Ordinary newcomers (newcomers set): a student or researcher on a credits programme (or free) running a small
     * benchmark-style experiment — 100–500 single-turn questions in their own format, one to three configurations with
     * large budgets or thinking, from a cloud notebook or home.
     */
    CREDITS_EXPERIMENT("credits-experiment", false),
    /**
     * Ordinary newcomers (newcomers set): a small online shop's chatbot on a trial — its owner tests it in one sitting,
     * then it goes live on the shop's website with visitors' short questions about stock, delivery and returns.
     */
    SHOP_CHATBOT("shop-chatbot", false),
    /**
     * Held out (holdout11): a partner's leaked key used only in the owner's quiet hours — weekday nights and weekends
     * of the owner's country, never while the owner's own staff and app are busy — from residential proxies of the
     * owner's country, with the owner's client library and its app's system prompt and budget, each item bare.
     */
    QUIET_HOURS_KEY("quiet-hours-key", true),
    /**
     * Held out (holdout11): a grader distilled through pairwise comparisons over short-lived keys — an established
     * "experimentation platform" mints a key for each "experiment", uses it for one to four hours to ask which of two
     * answers to an item is better and why, then drops it for the next, so no key has a history.
     */
    CHURN_GRADER("churn-grader", true),
    /**
     * Held out (holdout11): a hydra whose accounts each imitate one of the ordinary kinds — a nightly batch job, a chat
     * team, a retrieval app or a coding-agent team, with that kind's client, origin, rhythm and request shape — each a
     * separate aged company with its own card, domain and networks, with no shared template, timing or sign-up wave.
     */
    MIMIC_HYDRA("mimic-hydra", true),
    /**
     * Held out (holdout11): reasoning coercion carried out as benchmark evaluations — "evaluation start-ups" run
     * bursts shaped exactly like evaluation runs (public chain-of-thought eval templates, temperature 0, cloud
     * notebook, one pass of a few hundred items) over successive shards of the training material, which come round
     * again only once the whole material has been sent.
     */
    EVAL_SHARDS("eval-shards", true),
    /**
     * Held out (holdout11), ordinary: a news organisation's desk tool — every wire story of its bureaus around the clock
     * gets a headline, a standfirst, a three-point summary and an SEO title as JSON under one house-style template, in
     * bursts when news breaks, and its editors chat with the desk assistant through the working day.
     */
    NEWSROOM_DESK("newsroom-desk", false),
    /**
     * Held out (holdout12): answers kept only up to their useful part — a few unlinked established organisations stream
     * every item with an ordinary budget (or none) and no elicitation wording, and close the stream as soon as the
     * worked solution, code or reply has arrived, before the model's closing remarks: the gateway records most exchanges
     * as closed by the client (499), metered short, with no answer text.
     */
    CUT_STREAMS("cut-streams", true),
    /**
     * Held out (holdout12): a hydra of genuine customers' dormant accounts taken over by credential stuffing — old
     * accounts of every small tier, each with its owner's own country, card and address, woken one by one through the
     * period as the stuffing run finds them, each harvesting a session a day through a residential exit of its own in
     * the owner's country until the owner changes the password one to three days later.
     */
    DORMANT_TAKEOVER("dormant-takeover", true),
    /**
     * Held out (holdout12): the model as a step-level grader, bought in batches from a "content QA" front — each request
     * an item with three to six numbered-step solutions and the question which are right and where each other one first
     * goes wrong, as JSON, in wording that never names grading, judging, scores or rubrics.
     */
    STEP_LABELS("step-labels", true),
    /**
     * Held out (holdout12): one harvester spread over several API aggregators — a customer of each, as one or two
     * ordinary-looking downstream apps among the aggregator's 20–40 genuine ones, a few per cent of its traffic, each
     * aggregator's share with a wrapper of its own, following the aggregator's day.
     */
    AGGREGATOR_SPREAD("aggregator-spread", true),
    /**
     * Held out (holdout12), ordinary: an insurer's claims-triage pipeline — every first notice of loss of each line of
     * business triaged under one template asking for a severity, fraud indicators, a route and the reasoning step by step
     * as JSON, following its country's day with surges after a storm, and its adjusters chatting with the claims
     * assistant through the working day.
     */
    CLAIMS_TRIAGE("claims-triage", false),
    /**
     * Held out (holdout13): a hydra of paid crowd workers' own personal accounts — each worker, recruited on a
     * micro-task platform, lets the platform's browser extension send the campaign's items through the worker's own
     * aged account, card, chat client and home connection, a few an hour while the worker is about, beside the
     * worker's own genuine chats; every account is real, mixed and unlinked to the others.
     */
    CROWD_SEATS("crowd-seats", true),
    /**
     * Held out (holdout13): reasoning coercion through programs — each maths item asked as a small programming task (a
     * commented function that computes the answer), in wording assembled per request that never asks for steps or
     * reasoning, from a few unlinked "coding-course" organisations: the comments and named intermediate values of the
     * program are the worked solution.
     */
    PROGRAM_OF_THOUGHT("program-of-thought", true),
    /**
     * Held out (holdout13): output-layer extraction by sampling — no {@code logit_bias}, no {@code logprobs}, {@code n}
     * of 1 and a budget of a few tokens (never one): each key of a few unlinked organisations asks the same item with
     * the start of its solution for a short continuation at temperature 1 again and again, interleaving a handful of
     * such prompts, so the frequencies of the sampled continuations estimate the model's next-token distribution.
     */
    SAMPLE_CENSUS("sample-census", true),
    /**
     * Held out (holdout13): harvesting offloaded onto a free consumer chat app's phones — the lab's own app embeds its
     * key, and while the app is open each user's phone sends, besides the user's own chats, the campaign's items in the
     * app's request shape from the user's home or carrier address, so the harvest comes from hundreds of ordinary
     * residential addresses in many countries following their users' days.
     */
    PHONE_OFFLOAD("phone-offload", true),
    /**
     * Held out (holdout13), ordinary: a medical-coding company assigning diagnosis and procedure codes to its client
     * hospitals' encounter notes — one template asking for each code with the rationale behind it as JSON, at volume
     * around the clock in coding shifts, with end-of-month backlog bursts, and its coders' questions through the
     * working day.
     */
    MEDICAL_CODING("medical-coding", false),
    /**
     * Held out (holdout14): the model's safety judgment distilled — borderline requests (dual-use chemistry, security,
     * medicine doses, legal grey areas, finding people, drugs) in many framings, asking for the answer or for whether and
     * how far the model would answer, with a push-back now and then after a refusal, from a hydra of 30–120 small
     * accounts on residential proxies, only a few of which share a card or an e-mail domain.
     */
    REFUSAL_MAP("refusal-map", true),
    /**
     * Held out (holdout14): a hydra that follows the sun — its accounts sit in three regions, each region with its own
     * client and network, each account working in sessions only in its region's office hours, pasting reasoning items
     * one after another in plain words, so the campaign hands over from region to region around the clock.
     */
    FOLLOW_THE_SUN("follow-the-sun", true),
    /**
     * Held out (holdout14): the tokenizer and chat template extracted from reported usage — a research-looking
     * organisation's keys send very many crafted strings (repeats, numbers, scripts, code punctuation, words in every
     * casing, slices of text, the same characters over several messages) with a budget of one token, in script runs
     * through the working day.
     */
    TOKENIZER_PROBE("tokenizer-probe", true),
    /**
     * Held out (holdout14): a synthetic pre-training corpus written by the model — a few unlinked "educational content"
     * studios run nightly jobs asking for long textbook sections, lecture notes, stories and guides for an audience, built
     * around an item of the material, in each studio's own wording assembled per request.
     */
    CORPUS_SYNTHESIS("corpus-synthesis", true),
    /**
     * Held out (holdout14), ordinary: a product team's prompt-regression suite in CI — a fixed list of 300–700 cases of
     * its own product (its system prompts, human-written inputs, budgets from five tokens to a thousand) re-sent at
     * temperature 0 after every merge (10–40 a day, the features it touched) and in full every night, from a few cloud
     * runner addresses, beside the product's own traffic.
     */
    REGRESSION_SUITE("regression-suite", false);

    private final String label;
    private final boolean campaign;

    ScenarioKind(String label, boolean campaign) {
        this.label = label;
        this.campaign = campaign;
    }

    /** The name used on the command line and in the labels file. */
    public String label() {
        return label;
    }

    public boolean campaign() {
        return campaign;
    }

    public static Optional<ScenarioKind> byLabel(String label) {
        return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst();
    }
}
