package dev.moat.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The held-out ordinary kinds, each written without reading the detector: the hard ordinary cases of
 * {@code holdout3} (tutoring apps), {@code holdout4} (judge services) and {@code holdout5} (documentation
 * localisation), the five kinds of {@code ordinary2} (SEO article agencies, support bots, pre-labelling queues,
 * an olympiad coaching platform, code-review bots), {@code holdout6} (marketplace catalogue enrichment),
 * {@code holdout7} (due-diligence contract review), {@code holdout8} (a game studio's NPC dialogue),
 * {@code holdout9} (a university's essay feedback), {@code holdout10} (an e-discovery vendor's relevance review),
 * {@code holdout11} (a newsroom's headline and summary desk tool), {@code holdout12} (an insurer's claims triage),
 * {@code holdout13} (a medical-coding company's coding pipeline) and {@code holdout14} (a product team's
 * prompt-regression suite in CI).
 */
final class HeldOutOrdinaryPlans extends PlanningBlocks {

    HeldOutOrdinaryPlans(PlanningState state) {
        super(state);
    }

    /**
     * Held out (holdout3), ordinary: a tutoring app relaying 80–400 students' homework questions through
     * one key from its servers, under one system prompt that asks for every step to be explained.
     */
    void tutoringApp() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.TUTORING_APP, country, random.nextBoolean() ? "standard" : "enterprise",
                companyDomain(country));
        TrafficOrigin backend = servers(country, 2, 3);
        TrafficSource.Client client = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(1_000);
        String app = capitalised(word());
        int system = random.nextInt(TrafficTutoring.systemPrompts());
        int maxTokens = random.nextBoolean() ? 1_024 : 2_048;
        OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.3);
        boolean thinking = random.nextInt(4) == 0;
        for (int s = 0, students = 80 + random.nextInt(321); s < students; s++) {
            // homework happens after school: the working-day curve shifted six hours later (busiest 15:00-24:00)
            TrafficCadence cadence = new TrafficCadence.Sessions(end, 0.1 + 0.3 * random.nextDouble(),
                    20_000 + random.nextInt(40_000), offset(country) - 6);
            add(client, backend, cadence, new TrafficTutoring(prompts, app, system, maxTokens, temperature, thinking),
                    limit, Optional.empty());
        }
    }

    /**
     * Held out (holdout4), ordinary: an evaluation company grading its clients' chatbot conversations, one key per
     * client project (one to three), from its servers through the working day, under one rubric.
     */
    void judgeService() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.JUDGE_SERVICE, country, random.nextBoolean() ? "enterprise" : "standard",
                companyDomain(country));
        TrafficOrigin servers = servers(country, 1, 3);
        String company = TrafficJudgeService.company(random);
        int system = random.nextInt(TrafficJudgeService.systemPrompts());
        int rubric = random.nextInt(TrafficJudgeService.rubrics());
        int maxTokens = random.nextBoolean() ? 256 : 512;
        String agent = oneOf(JOB_AGENTS);
        for (int k = 0, projects = 1 + random.nextInt(3); k < projects; k++) {
            add(client(orgId, agent), servers, new TrafficCadence.Diurnal(end, 40 + random.nextInt(160), offset(country)),
                    new TrafficJudgeService(prompts, system, rubric, company, maxTokens), new TrafficKeyLimit(600),
                    Optional.empty());
        }
    }

    /**
     * Held out (holdout5), ordinary: a localisation company's pipelines (one to three keys, one per client) from its
     * servers, each section of a client's documentation translated into the client's languages one after the other.
     */
    void docLocalisation() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.DOC_LOCALISATION, country,
                random.nextBoolean() ? "enterprise" : "standard", companyDomain(country));
        TrafficOrigin servers = servers(country, 1, 2);
        String agent = oneOf(JOB_AGENTS);
        for (int k = 0, clients = 1 + random.nextInt(3); k < clients; k++) {
            add(client(orgId, agent), servers, new TrafficCadence.Sessions(end, 6 + random.nextInt(20),
                            2_000 + random.nextInt(6_000), offset(country)),
                    new TrafficDocLocalisation(prompts, random.nextBoolean() ? 2_048 : 4_096, random),
                    new TrafficKeyLimit(600), Optional.empty());
        }
    }

    /**
     * A content-marketing agency (a young self-serve account or an established standard one) with one to three
     * article pipelines on its servers, each working through its account managers' queue of briefs during the
     * working day: 15–60 long articles an hour at the busiest.
     */
    void seoArticles() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.SEO_ARTICLES, country, random.nextBoolean() ? "self-serve" : "standard",
                companyDomain(country));
        TrafficOrigin servers = servers(country, 1, 2);
        String agency = TrafficSeoArticles.agency(random);
        int system = random.nextInt(TrafficSeoArticles.systemPrompts());
        int maxTokens = random.nextBoolean() ? 8_192 : 16_000;
        String agent = oneOf(SDK_AGENTS);
        for (int k = 0, pipelines = 1 + random.nextInt(3); k < pipelines; k++) {
            add(client(orgId, agent), servers, new TrafficCadence.Diurnal(end, 15 + random.nextInt(46), offset(country)),
                    new TrafficSeoArticles(agency, system, maxTokens, random), new TrafficKeyLimit(600), Optional.empty());
        }
    }

    /**
     * A SaaS company's support bot: 200–700 of its customers, in every time zone from UTC-8 to UTC+10, each asking
     * now and then in their own language, through one key from the company's servers under one system prompt.
     */
    void supportBot() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.SUPPORT_BOT, country, random.nextBoolean() ? "standard" : "enterprise",
                companyDomain(country));
        TrafficOrigin backend = servers(country, 2, 3);
        TrafficSource.Client client = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(1_500);
        int product = random.nextInt(TrafficSupportBot.products());
        int maxTokens = random.nextBoolean() ? 512 : 1_024;
        for (int u = 0, customers = 200 + random.nextInt(501); u < customers; u++) {
            int customerOffset = -8 + random.nextInt(19);
            add(client, backend, new TrafficCadence.Sessions(end, 0.1 + 0.2 * random.nextDouble(),
                            20_000 + random.nextInt(40_000), customerOffset),
                    new TrafficSupportBot(product, maxTokens, random), limit, Optional.empty());
        }
    }

    /**
     * A data-labelling company: one to three client projects, a key each, whose pre-annotation queue follows its
     * annotation centres in Manila, Nairobi and Bogotá (shifts that together cover the whole day), 25–100 items an
     * hour per centre at the busiest.
     */
    void preLabelling() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.PRE_LABELLING, country, random.nextBoolean() ? "enterprise" : "standard",
                companyDomain(country));
        TrafficOrigin servers = servers(country, 1, 2);
        String company = TrafficPreLabelling.company(random);
        int system = random.nextInt(TrafficPreLabelling.systemPrompts());
        int maxTokens = random.nextBoolean() ? 1_024 : 2_048;
        boolean thinking = random.nextInt(3) == 0;
        String agent = oneOf(JOB_AGENTS);
        for (int k = 0, projects = 1 + random.nextInt(3); k < projects; k++) {
            TrafficSource.Client client = client(orgId, agent);
            TrafficKeyLimit limit = new TrafficKeyLimit(600);
            TrafficPreLabelling content = new TrafficPreLabelling(prompts, company, system,
                    random.nextInt(TrafficPreLabelling.GUIDELINES.size()), maxTokens, thinking);
            for (int centreOffset : List.of(8, 3, -5)) {
                add(client, servers, new TrafficCadence.Diurnal(end, 25 + random.nextInt(76), centreOffset), content,
                        limit, Optional.empty());
            }
        }
    }

    /**
     * A maths-olympiad coaching platform that signed up self-serve 3–45 days ago: 60–250 students, after school and
     * in the evening, through one key from its servers, every request with extended thinking.
     */
    void olympiadCoach() {
        String country = TrafficNetworks.customerCountry(random);
        long created = start - (3 + random.nextInt(43)) * DAY - random.nextLong(DAY);
        String domain = random.nextInt(4) == 0 ? oneOf(FREE_MAIL) : companyDomain(country);
        String orgId = id("org_");
        orgs.add(new SimulatedOrg(profile(orgId, created, country, "self-serve", domain, payment(),
                TrafficNetworks.residential(country, random).address(random)), ScenarioKind.OLYMPIAD_COACH,
                Optional.empty(), false));
        TrafficOrigin backend = servers(country, 1, 2);
        TrafficSource.Client client = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(300);
        String platform = capitalised(word()) + " Olympiad";
        int system = random.nextInt(TrafficOlympiadCoach.systemPrompts());
        int maxTokens = List.of(16_000, 24_000, 32_000).get(random.nextInt(3));
        for (int s = 0, students = 60 + random.nextInt(191); s < students; s++) {
            // training happens after school: the working-day curve shifted five hours later
            add(client, backend, new TrafficCadence.Sessions(end, 0.08 + 0.25 * random.nextDouble(),
                            60_000 + random.nextInt(120_000), offset(country) - 5),
                    new TrafficOlympiadCoach(platform, system, maxTokens), limit, Optional.empty());
        }
    }

    /**
     * A large company's code-review bot: one or two keys (monorepo and the rest) from its CI runners, each reviewing
     * the pull requests of three engineering hubs (the Americas, Europe, Asia), 4–24 pull requests an hour per hub
     * at the busiest, the files of each one right after the other.
     */
    void codeReviewBot() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.CODE_REVIEW_BOT, country, "enterprise", companyDomain(country));
        TrafficOrigin runners = servers(country, 2, 3);
        String company = capitalised(word());
        String bot = TrafficCodeReview.bot(random);
        int system = random.nextInt(TrafficCodeReview.systemPrompts());
        int maxTokens = random.nextBoolean() ? 2_048 : 4_096;
        double temperature = random.nextBoolean() ? 0.0 : 0.2;
        List<Integer> hubs = List.of(oneOf(List.of(-8, -6, -5)), oneOf(List.of(0, 1)), oneOf(List.of(5, 8, 9)));
        String agent = oneOf(JOB_AGENTS);
        for (int k = 0, keys = 1 + random.nextInt(2); k < keys; k++) {
            TrafficSource.Client client = client(orgId, agent);
            TrafficKeyLimit limit = new TrafficKeyLimit(1_000);
            for (int hub : hubs) {
                add(client, runners, new TrafficCadence.Sessions(end, 4 + random.nextInt(21),
                                2_000 + random.nextInt(4_000), hub),
                        new TrafficCodeReview(company, bot, system, maxTokens, temperature), limit, Optional.empty());
            }
        }
    }

    /**
     * Held out (holdout6), ordinary: an online marketplace enriching its merchants' listings under one template, from
     * its servers: a nightly import of 800–3,000 products on one key, and on a second key the listings merchants
     * upload through the day in the marketplace's three main time zones, 10–50 an hour each at the busiest.
     */
    void catalogueEnrichment() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.CATALOGUE_ENRICHMENT, country,
                random.nextBoolean() ? "enterprise" : "standard", companyDomain(country));
        TrafficOrigin servers = servers(country, 1, 3);
        String marketplace = capitalised(word()) + " Market";
        String note = oneOf(List.of("Write in British English, friendly but factual.",
                "Use US English and a confident, concise tone.", "Plain English, no exclamation marks.",
                "Write for busy shoppers: short sentences, concrete benefits."));
        int maxTokens = random.nextBoolean() ? 1_024 : 1_500;
        OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.of(0.4) : OptionalDouble.empty();
        String agent = oneOf(JOB_AGENTS);
        TrafficCatalogueEnrichment content = new TrafficCatalogueEnrichment(marketplace, note, maxTokens, temperature);
        add(client(orgId, agent), servers, new TrafficCadence.DailyRun(end, random.nextInt(24),
                        800 + random.nextInt(2_201), 20 + random.nextInt(41)), content, new TrafficKeyLimit(600),
                Optional.empty());
        TrafficSource.Client uploads = client(orgId, agent);
        TrafficKeyLimit uploadLimit = new TrafficKeyLimit(600);
        for (int zone : List.of(oneOf(List.of(-8, -6, -5)), oneOf(List.of(0, 1)), oneOf(List.of(5, 8, 9)))) {
            add(uploads, servers, new TrafficCadence.Diurnal(end, 10 + random.nextInt(41), zone), content, uploadLimit,
                    Optional.empty());
        }
    }

    /**
     * Held out (holdout7), ordinary: a law firm (an established standard or enterprise account) reviewing a deal's data
     * room from its document platform's servers, under one template: one or two data rooms opened during the period,
     * each a burst of 300–1,500 contracts at 10–40 a minute, and its associates' reviews through the working day,
     * 6–25 an hour at the busiest.
     */
    void contractReview() {
        String country = oneOf(List.of("US", "US", "GB", "DE", "FR", "NL", "JP", "SG", "AU"));
        String orgId = ordinaryOrg(ScenarioKind.CONTRACT_REVIEW, country, random.nextBoolean() ? "enterprise" : "standard",
                companyDomain(country));
        TrafficOrigin servers = servers(country, 1, 2);
        String firm = TrafficContractReview.firm(random);
        int maxTokens = random.nextBoolean() ? 2_048 : 4_096;
        boolean thinking = random.nextInt(3) == 0;
        TrafficSource.Client platform = client(orgId, oneOf(JOB_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(600);
        add(platform, servers, new TrafficCadence.Diurnal(end, 6 + random.nextInt(20), offset(country)),
                new TrafficContractReview(firm, TrafficContractReview.project(random), maxTokens, thinking), limit,
                Optional.empty());
        for (int d = 0, dataRooms = 1 + random.nextInt(2); d < dataRooms; d++) {
            double perMinute = 10 + random.nextInt(31);
            add(platform, servers, burst(perMinute, 300 + random.nextInt(1_201), 0.3, 0.01),
                    new TrafficContractReview(firm, TrafficContractReview.project(random), maxTokens, thinking), limit,
                    Optional.empty());
        }
    }

    /**
     * Held out (holdout8), ordinary: a game studio (a quarter of them young indie studios on self-serve) generating its
     * non-player characters' dialogue from its build farm: one to three content passes during the period, each 500–3,000
     * characters at 15–60 a minute under one template with two to four variants per request, and on a second key its
     * 5–25 writers iterating on scenes in the studio's writing tool through the working day.
     */
    void npcDialogue() {
        String country = oneOf(List.of("US", "US", "CA", "GB", "FR", "JP", "KR", "DE", "AU"));
        String tier = random.nextInt(4) == 0 ? "self-serve" : random.nextBoolean() ? "standard" : "enterprise";
        String orgId = ordinaryOrg(ScenarioKind.NPC_DIALOGUE, country, tier, companyDomain(country));
        TrafficOrigin buildFarm = servers(country, 1, 3);
        String studio = capitalised(word()) + " " + oneOf(List.of("Games", "Interactive", "Studios", "Entertainment"));
        String bible = TrafficNpcDialogue.styleBible(studio, random);
        TrafficSource.Client pipeline = client(orgId, oneOf(JOB_AGENTS));
        TrafficKeyLimit pipelineLimit = new TrafficKeyLimit(600);
        TrafficNpcDialogue pass = new TrafficNpcDialogue(bible, TrafficNpcDialogue.order(random),
                List.of(4_000, 6_000, 8_000).get(random.nextInt(3)), 2 + random.nextInt(3),
                OptionalDouble.of(List.of(0.9, 1.0, 1.1).get(random.nextInt(3))));
        for (int p = 0, passes = 1 + random.nextInt(3); p < passes; p++) {
            double perMinute = 15 + random.nextInt(46);
            add(pipeline, buildFarm, burst(perMinute, 500 + random.nextInt(2_501), 0.2, 0), pass,
                    pipelineLimit, Optional.empty());
        }
        TrafficSource.Client tool = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit toolLimit = new TrafficKeyLimit(600);
        int sceneTokens = random.nextBoolean() ? 2_048 : 4_096;
        for (int w = 0, writers = 5 + random.nextInt(21); w < writers; w++) {
            add(tool, buildFarm, new TrafficCadence.Sessions(end, 0.3 + 0.5 * random.nextDouble(),
                            60_000 + random.nextInt(120_000), offset(country)),
                    new TrafficNpcScenes(bible, sceneTokens, OptionalDouble.of(0.8)), toolLimit, Optional.empty());
        }
    }

    /**
     * Held out (holdout9), ordinary: a university (an established standard or enterprise account, in an English-speaking
     * or European country) running its writing centre's feedback tool in its learning platform, from its servers. One
     * key gives students' drafts feedback against the rubric, 30–120 an hour at the busiest of the evening (the
     * working-day curve five hours later); a second key bands final submissions at one to three assignment deadlines
     * during the period, a burst of 250–1,200 essays each at 4–15 a minute, one letter with its log-probabilities.
     */
    void essayFeedback() {
        String country = oneOf(List.of("US", "US", "GB", "GB", "AU", "CA", "NL", "DE"));
        String domain = switch (country) {
            case "US" -> word() + ".edu";
            case "GB" -> word() + ".ac.uk";
            case "AU" -> word() + ".edu.au";
            default -> companyDomain(country);
        };
        String orgId = ordinaryOrg(ScenarioKind.ESSAY_FEEDBACK, country, random.nextBoolean() ? "enterprise" : "standard",
                domain);
        TrafficOrigin servers = servers(country, 1, 2);
        String university = "University of " + capitalised(word());
        int rubric = random.nextInt(TrafficEssayFeedback.rubrics());
        String agent = oneOf(SDK_AGENTS);
        add(client(orgId, agent), servers, new TrafficCadence.Diurnal(end, 30 + random.nextInt(91), offset(country) - 5),
                new TrafficEssayFeedback(prompts, TrafficEssayFeedback.Mode.FEEDBACK, university, rubric,
                        random.nextBoolean() ? 1_024 : 1_500, random.nextBoolean() ? OptionalDouble.of(0.3)
                        : OptionalDouble.empty()), new TrafficKeyLimit(600), Optional.empty());
        TrafficSource.Client banding = client(orgId, agent);
        TrafficKeyLimit bandingLimit = new TrafficKeyLimit(600);
        TrafficEssayFeedback bands = new TrafficEssayFeedback(prompts, TrafficEssayFeedback.Mode.BANDING, university,
                rubric, 1, OptionalDouble.of(0.0));
        for (int d = 0, deadlines = 1 + random.nextInt(3); d < deadlines; d++) {
            double perMinute = 4 + random.nextInt(12);
            add(banding, servers, burst(perMinute, 250 + random.nextInt(951), 0.4, 0), bands,
                    bandingLimit, Optional.empty());
        }
    }

    /**
     * Held out (holdout10), ordinary: an e-discovery vendor reviewing a litigation matter — two to four productions of
     * 1,500–5,000 documents, each sent from its servers in a burst of 20–80 a minute and coded under the matter's
     * protocol with the label tokens biased and a one-token budget (an OpenAI client, since the bias is that API's) —
     * and three to twelve reviewers asking about documents through their working day on a key of their own.
     */
    void ediscoveryReview() {
        String country = oneOf(List.of("US", "US", "US", "GB", "CA", "AU", "DE"));
        String orgId = ordinaryOrg(ScenarioKind.EDISCOVERY_REVIEW, country,
                random.nextBoolean() ? "enterprise" : "standard", companyDomain(country));
        TrafficOrigin servers = servers(country, 1, 3);
        String matter = random.nextBoolean() ? capitalised(word()) + " v. " + capitalised(word())
                : "In re " + capitalised(word()) + " Litigation";
        String prefix = word().toUpperCase(Locale.ROOT) + "-";
        TrafficRelevanceReview review = new TrafficRelevanceReview(prompts, matter, prefix,
                TrafficRelevanceReview.labels(random), random);
        TrafficSource.Client coding = client(orgId, oneOf(OPENAI_AGENTS));
        TrafficKeyLimit codingLimit = new TrafficKeyLimit(600);
        for (int p = 0, productions = 2 + random.nextInt(3); p < productions; p++) {
            double perMinute = 20 + random.nextInt(61);
            add(coding, servers, burst(perMinute, 1_500 + random.nextInt(3_501), 0.3, 0.002), review, codingLimit,
                    Optional.empty());
        }
        staffChat(orgId, servers, country, 3, 10,
                "You assist the review team on " + matter + ". Answer questions about "
                + "the documents and the review protocol concisely, and say when a document needs a second look.");
    }

    /**
     * Held out (holdout11), ordinary: a news organisation's desk tool. Its content system sends every wire story of its
     * two to four bureaus (each following its own time zone's day, 20–80 stories an hour at the busiest) through one
     * key under one house-style template for a headline, standfirst, summary and SEO title as JSON; two to four times
     * in the period news breaks and a burst of 150–500 updates goes through at 5–15 a minute; and 5–25 editors chat
     * with the desk assistant on another key through the working day.
     */
    void newsroomDesk() {
        String country = oneOf(List.of("US", "US", "GB", "GB", "DE", "FR", "AU", "CA", "IN"));
        String orgId = ordinaryOrg(ScenarioKind.NEWSROOM_DESK, country, random.nextBoolean() ? "enterprise" : "standard",
                companyDomain(country));
        TrafficOrigin servers = servers(country, 1, 3);
        String publication = "The " + capitalised(word()) + " " + oneOf(List.of("Herald", "Post", "Times", "Courier",
                "Dispatch", "Tribune"));
        TrafficNewsDesk desk = new TrafficNewsDesk(prompts, publication, List.of(400, 512, 600).get(random.nextInt(3)),
                random);
        TrafficSource.Client cms = client(orgId, oneOf(JOB_AGENTS));
        TrafficKeyLimit cmsLimit = new TrafficKeyLimit(600);
        List<Integer> bureauOffsets = List.of(offset(country), -5, 0, 8, 10, 1);
        for (int b = 0, bureaus = 2 + random.nextInt(3); b < bureaus; b++) {
            add(cms, servers, new TrafficCadence.Diurnal(end, 20 + random.nextInt(61),
                    b == 0 ? offset(country) : oneOf(bureauOffsets)), desk, cmsLimit, Optional.empty());
        }
        for (int n = 0, breaking = 2 + random.nextInt(3); n < breaking; n++) {
            double perMinute = 5 + random.nextInt(11);
            add(cms, servers, burst(perMinute, 150 + random.nextInt(351), 0.5, 0.01), desk, cmsLimit,
                    Optional.empty());
        }
        staffChat(orgId, servers, country, 5, 21,
                "You are the desk assistant of " + publication + ". Help editors check "
                + "copy, suggest headlines and answer questions about style; be brief.");
    }

    /**
     * Held out (holdout12), ordinary: an insurer's claims triage. Its claims system sends every first notice of loss of
     * two to four lines of business, each on a key of its own from the insurer's servers, following the country's day at
     * 40–160 claims an hour at the busiest, under the line's triage guidelines and one template asking for the reasoning
     * step by step as JSON; one to three times in the period a storm or a hailstorm brings a surge of 500–2,000 claims at
     * 8–30 a minute on the motor or home line; and 5–20 adjusters chat with the claims assistant on another key through
     * the working day.
     */
    void claimsTriage() {
        String country = oneOf(List.of("US", "US", "GB", "GB", "DE", "FR", "NL", "AU", "CA", "JP"));
        String orgId = ordinaryOrg(ScenarioKind.CLAIMS_TRIAGE, country, random.nextBoolean() ? "enterprise" : "standard",
                companyDomain(country));
        TrafficOrigin servers = servers(country, 1, 3);
        String insurer = capitalised(word()) + " " + oneOf(List.of("Insurance", "Mutual", "Assurance", "General"));
        String prefix = word().substring(0, 2).toUpperCase(Locale.ROOT);
        int maxTokens = random.nextBoolean() ? 1_024 : 1_500;
        String agent = oneOf(JOB_AGENTS);
        List<TrafficClaimsTriage.Line> lines = new ArrayList<>(TrafficClaimsTriage.LINES);
        List<TrafficClaimsTriage> triages = new ArrayList<>();
        List<TrafficSource.Client> keys = new ArrayList<>();
        List<TrafficKeyLimit> limits = new ArrayList<>();
        for (int l = 0, count = 2 + random.nextInt(3); l < count; l++) {
            // the first line is motor or home (the first two of LINES): the lines a storm fills
            triages.add(new TrafficClaimsTriage(insurer, lines.remove(random.nextInt(l == 0 ? 2 : lines.size())), prefix,
                    maxTokens, random));
            keys.add(client(orgId, agent));
            limits.add(new TrafficKeyLimit(600));
            add(keys.getLast(), servers, new TrafficCadence.Diurnal(end, 40 + random.nextInt(121), offset(country)),
                    triages.getLast(), limits.getLast(), Optional.empty());
        }
        // a storm's claims arrive on the motor or home line's key, on top of its ordinary day
        for (int s = 0, storms = 1 + random.nextInt(3); s < storms; s++) {
            double perMinute = 8 + random.nextInt(23);
            add(keys.getFirst(), servers, burst(perMinute, 500 + random.nextInt(1_501), 0.5, 0.01), triages.getFirst(),
                    limits.getFirst(), Optional.empty());
        }
        staffChat(orgId, servers, country, 5, 16,
                "You are the claims assistant of " + insurer + ". Help adjusters with "
                + "policy wording, letters to claimants and questions about the triage guidelines; be concise.");
    }

    /**
     * Held out (holdout13), ordinary: a medical-coding company (in the US or working offshore from India, standard
     * or enterprise) coding its two to four client hospitals' encounter notes, one key per client,
     * each note under one template asking for every code with its rationale as JSON, at temperature 0. The work queue
     * runs around the clock in three coding shifts (10–30 notes an hour each at the busiest), one client's month-end
     * backlog arrives as one or two bursts of 800–2,500 notes, and 5–20 coders ask the coding assistant questions through
     * their working day.
     */
    void medicalCoding() {
        String country = oneOf(List.of("US", "US", "US", "IN", "IN"));
        String orgId = ordinaryOrg(ScenarioKind.MEDICAL_CODING, country, random.nextBoolean() ? "enterprise" : "standard",
                companyDomain(country));
        TrafficOrigin servers = servers(country, 1, 3);
        String company = capitalised(word()) + " " + oneOf(List.of("Coding Services", "Revenue Cycle", "Health "
                + "Information", "Medical Coding"));
        String agent = oneOf(JOB_AGENTS);
        int maxTokens = random.nextBoolean() ? 1_024 : 2_048;
        List<TrafficSource.Client> keys = new ArrayList<>();
        List<TrafficKeyLimit> limits = new ArrayList<>();
        List<TrafficMedicalCoding> queues = new ArrayList<>();
        for (int c = 0, clients = 2 + random.nextInt(3); c < clients; c++) {
            keys.add(client(orgId, agent));
            limits.add(new TrafficKeyLimit(600));
            queues.add(new TrafficMedicalCoding(company, word().substring(0, 2).toUpperCase(Locale.ROOT), maxTokens));
            double perHour = 10 + random.nextInt(21);
            for (int shift = 0; shift < 3; shift++) {
                // three eight-hour shifts: each shift's working day starts eight hours after the last one's
                add(keys.getLast(), servers, new TrafficCadence.Diurnal(end, perHour, offset(country) - 8 * shift),
                        queues.getLast(), limits.getLast(), Optional.empty());
            }
        }
        for (int b = 0, backlogs = 1 + random.nextInt(2); b < backlogs; b++) {
            int client = random.nextInt(keys.size());
            double perMinute = 10 + random.nextInt(21);
            add(keys.get(client), servers, burst(perMinute, 800 + random.nextInt(1_701), 0.4, 0.01), queues.get(client),
                    limits.get(client), Optional.empty());
        }
        staffChat(orgId, servers, country, 5, 16,
                "You are the coding assistant of " + company + ". Answer coders' "
                + "questions about coding guidelines, payer rules and physician queries; be concise.");
    }

    /** What the product of a team with a prompt-regression suite is. */
    private static final List<String> PRODUCTS = List.of("a writing assistant for small businesses",
            "a customer-support copilot", "a meeting-notes app", "an internal knowledge assistant",
            "a coding help widget for a learning platform", "a travel-planning chat", "a CRM's e-mail helper");

    /**
     * Held out (holdout14), ordinary: a product team's prompt-regression suite — an established standard or enterprise
     * organisation whose product calls the model through two to four features (its chat assistant under the product's
     * system prompt, and conversation titles, message labels, hand-over summaries or suggested follow-ups, each with its
     * own system prompt and a budget of 5 to 2,048 tokens). Its CI keeps a fixed suite of 300–700 cases with inputs
     * drawn once from human-written material and sends them in order at temperature 0 from two to five cloud runner
     * addresses: after every merge (10–40 a weekday, in its working hours, none or a few at the weekend) the cases of the
     * features the merge touched, and every night at about two the whole suite, at 60–240 requests a minute. The
     * product's own users chat through another key from its servers through the day.
     */
    void regressionSuite() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.REGRESSION_SUITE, country,
                random.nextBoolean() ? "enterprise" : "standard", companyDomain(country));
        String product = capitalised(word());
        String productSystem = "You are the assistant inside " + product + ", " + oneOf(PRODUCTS) + ". Answer the user's "
                + "question helpfully and concisely, in the user's language; if you are unsure, say so.";
        int chatBudget = List.of(512, 1_024, 2_048).get(random.nextInt(3));
        List<TrafficRegressionSuite.Feature> features = new ArrayList<>(List.of(
                new TrafficRegressionSuite.Feature("chat", null, chatBudget)));
        List<TrafficRegressionSuite.Feature> others = new ArrayList<>(TrafficRegressionSuite.FEATURES.subList(1,
                TrafficRegressionSuite.FEATURES.size()));
        for (int f = 0, count = 1 + random.nextInt(3); f < count; f++) {
            features.add(others.remove(random.nextInt(others.size())));
        }
        List<TrafficRegressionSuite.Case> suite = TrafficRegressionSuite.suite(prompts, productSystem, features,
                300 + random.nextInt(401), random);
        TrafficOrigin runners = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(random.nextBoolean() ? "US" : country, random).narrow(random),
                2 + random.nextInt(4), random));
        TrafficSource.Client ci = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit ciLimit = new TrafficKeyLimit(600);
        int offset = offset(country);
        double mergesPerDay = 10 + random.nextInt(31);
        double perMinute = 60 + random.nextInt(181);
        for (long day = Math.floorDiv(start + offset * TrafficCadence.HOUR, DAY) * DAY - offset * TrafficCadence.HOUR;
             day < end; day += DAY) {
            boolean weekend = Math.floorMod(Math.floorDiv(day + offset * TrafficCadence.HOUR + 12 * TrafficCadence.HOUR,
                    DAY) + 3, 7) >= 5;
            int merges = weekend ? random.nextInt(3) : (int) Math.round(mergesPerDay * (0.7 + 0.6 * random.nextDouble()));
            for (int m = 0; m < merges; m++) {
                // a merge lands in the team's working day: thinning by the working-day weight of a weekday
                long at;
                do {
                    at = day + random.nextLong(DAY);
                } while (random.nextDouble() >= TrafficCadence.workingDayWeight(at, offset) * (weekend ? 4 : 1));
                Set<String> touched = new HashSet<>();
                for (int t = 0, areas = random.nextInt(3) == 0 ? 2 : 1; t < areas; t++) {
                    touched.add(features.get(random.nextInt(features.size())).name());
                }
                List<TrafficRegressionSuite.Case> cases = suite.stream()
                        .filter(item -> touched.contains(item.feature())).toList();
                if (!cases.isEmpty() && at >= start && at < end) {
                    add(ci, runners, new TrafficCadence.Counted(new TrafficCadence.Steady(at, end, perMinute, 0.5, 0),
                            cases.size()), new TrafficRegressionSuite(cases), ciLimit, Optional.empty());
                }
            }
            long nightly = day + 2 * TrafficCadence.HOUR + random.nextLong(30 * TrafficCadence.MINUTE);
            if (nightly >= start && nightly < end) {
                add(ci, runners, new TrafficCadence.Counted(new TrafficCadence.Steady(nightly, end, perMinute, 0.5, 0),
                        suite.size()), new TrafficRegressionSuite(suite), ciLimit, Optional.empty());
            }
        }
        TrafficOrigin servers = servers(country, 2, 3);
        add(client(orgId, oneOf(SDK_AGENTS)), servers, new TrafficCadence.Diurnal(end, 10 + random.nextInt(31), offset),
                new TrafficConversation(prompts, Optional.of(productSystem), chatBudget, OptionalDouble.of(0.3), false),
                new TrafficKeyLimit(600), Optional.empty());
    }

    /**
     * The organisation's own staff chatting with an assistant under its system prompt through the working day: one
     * chat client and key limit, {@code fewest} to {@code fewest + spread - 1} people in sessions of their own.
     */
    private void staffChat(String orgId, TrafficOrigin servers, String country, int fewest, int spread,
                           String system) {
        TrafficSource.Client staff = client(orgId, oneOf(CHAT_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(120);
        for (int person = 0, count = fewest + random.nextInt(spread); person < count; person++) {
            // a conversation of each person's own: it keeps that person's history
            add(staff, servers, new TrafficCadence.Sessions(end, 0.3 + 0.5 * random.nextDouble(),
                            30_000 + random.nextInt(60_000), offset(country)),
                    new TrafficConversation(prompts, Optional.of(system), 1_024, OptionalDouble.empty(), false), limit,
                    Optional.empty());
        }
    }
}
