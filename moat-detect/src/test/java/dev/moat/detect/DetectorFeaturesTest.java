package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each feature on hand-made event sequences: harvesting behaviours are actioned, hard ordinary ones are not. */
class DetectorFeaturesTest {

    private static PrincipalVerdict run(List<UsageEvent> events, OrgProfile... orgs) {
        Detector detector = new Detector(DetectorSettings.defaults());
        for (OrgProfile org : orgs) {
            detector.addOrg(org);
        }
        events.forEach(detector::accept);
        PrincipalVerdict verdict = detector.verdict(events.get(0).orgId()).orElseThrow();
        System.out.println(verdict.id() + " risk=" + String.format("%.3f", verdict.risk()) + " action=" + verdict.action()
                + " first=" + verdict.firstActionEvent() + " " + verdict.signals().stream()
                .map(s -> s.name() + "=" + String.format("%.2f", s.value())).toList());
        return verdict;
    }

    private static final java.time.Instant NEW = Workloads.START.minus(Duration.ofDays(2));

    @Test
    void reasoningHarvesterIsActionedEarly() {
        PrincipalVerdict verdict = run(Workloads.reasoningHarvester("org_h", Workloads.START, 600, 1, "203.0.113.9"),
                Workloads.selfServe("org_h", NEW));
        assertThat(verdict.action().affectsCustomer()).isTrue();
        assertThat(verdict.firstActionEvent().orElseThrow()).isLessThan(150);
        assertThat(verdict.signals()).extracting(Signal::name).contains("reasoning_elicitation", "harvesting_parameters");
    }

    @Test
    void reasoningHarvesterWithoutOrganisationFileIsActioned() {
        PrincipalVerdict verdict = run(Workloads.reasoningHarvester("org_h", Workloads.START, 600, 2, "203.0.113.9"));
        assertThat(verdict.action().affectsCustomer()).isTrue();
    }

    @Test
    void graderHarvesterIsActioned() {
        PrincipalVerdict verdict = run(Workloads.graderHarvester("org_g", Workloads.START, 600, 3),
                Workloads.selfServe("org_g", NEW));
        assertThat(verdict.action().affectsCustomer()).isTrue();
        assertThat(verdict.signals()).extracting(Signal::name).contains("grader_intent");
    }

    /**
     * Grading intent on one template, at volume, answered with a short score: an evaluation pipeline as often as
     * a harvest. Intent weighs fully only together with the harvesting parameters, so an established customer
     * doing this is at most flagged — not sent to review, whose harvest budget would then throttle it.
     */
    @Test
    void aGradingServiceAnsweredBrieflyIsNotActioned() {
        PrincipalVerdict verdict = run(Workloads.gradingService("org_judge", Workloads.START, 5, 600, 8),
                Workloads.standard("org_judge"));
        assertThat(verdict.signals()).extracting(Signal::name).contains("grader_intent", "template_concentration");
        assertThat(verdict.action()).isIn(Action.NONE, Action.FLAG);
    }

    /**
     * The same grading, but from its second day on every three hours of it come on a key of their own that is never
     * used again: keys that live hours say nothing about who holds them, and the organisation is trusted like a
     * stranger. Its grading is then a grader harvest (sent to review, whose budget throttles it); on one key it is not.
     */
    @Test
    void aGradingServiceThatStartsAKeyEveryFewHoursIsTrustedLikeAStranger() {
        List<UsageEvent> grading = Workloads.gradingService("org_judge", Workloads.START, 5, 600, 8);
        List<UsageEvent> churned = grading.stream().map(e -> {
            long hours = Duration.between(Workloads.START, e.ts()).toHours();
            String key = hours < 24 ? "key_day_one" : "key_experiment_" + hours / 3;
            return new UsageEvent(e.id(), e.ts(), e.orgId(), e.accountId(), key, e.ip(), e.country(), e.network(),
                    e.userAgent(), e.api(), e.model(), e.request(), e.response(), e.decision(), e.latencyMs());
        }).toList();

        PrincipalVerdict oneKey = run(grading, Workloads.standard("org_judge"));
        PrincipalVerdict keyPerExperiment = run(churned, Workloads.standard("org_judge"));
        assertThat(provenance(oneKey)).isLessThan(1.0);
        assertThat(provenance(keyPerExperiment)).isEqualTo(1.0);
        assertThat(keyPerExperiment.risk()).isGreaterThan(oneKey.risk());
        assertThat(keyPerExperiment.action().affectsCustomer()).isTrue();
    }

    private static double provenance(PrincipalVerdict verdict) {
        return verdict.signals().stream().filter(s -> s.name().equals("provenance")).findFirst().orElseThrow().value();
    }

    /**
     * A coercion template hidden among ordinary users (a reseller's customer), asking for whole reasoning traces with
     * full budgets: acted on through its template stream even when the answers it gets back are short — what the
     * client asks for is half of the harvesting parameters, as for the whole profile.
     */
    @Test
    void aCoercionStreamWithFullBudgetsIsActionedEvenWhenItsAnswersAreShort() {
        List<UsageEvent> coercion = Workloads.reasoningHarvester("org_mix", Workloads.START, 500, 12, "203.0.113.60")
                .stream().map(event -> new UsageEvent(event.id(), event.ts(), event.orgId(), event.accountId(),
                        event.keyId(), event.ip(), event.country(), event.network(), event.userAgent(), event.api(),
                        event.model(), event.request(), new ResponseSummary(200, event.response().text(), 50, 180, 0,
                        java.util.Optional.of("stop")), event.decision(), event.latencyMs()))
                .toList();
        List<UsageEvent> cover = new java.util.ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            // the reseller's other customers over the same hour and a half: conversations, short budgets
            cover.add(TestEvents.event("org_mix", Workloads.START.plusMillis(3_400L * i)).ip("203.0.113.60")
                    .user("Could you suggest a dinner for " + (2 + i % 9) + " guests, one of them vegetarian?")
                    .assistant("Here is a menu idea.").user("Thanks, and a dessert " + (i % 7 == 0 ? "without nuts" : "too") + "?")
                    .maxTokens(512).completionTokens(220).build());
        }
        PrincipalVerdict verdict = run(Workloads.interleave(List.of(coercion, cover)),
                Workloads.selfServe("org_mix", NEW));
        assertThat(verdict.signals()).extracting(Signal::name).contains("template_stream");
        assertThat(verdict.action().affectsCustomer()).isTrue();
    }

    @Test
    void logitBiasExtractionIsActioned() {
        PrincipalVerdict verdict = run(Workloads.logitProber("org_l", Workloads.START, 300),
                Workloads.selfServe("org_l", NEW));
        assertThat(verdict.action().affectsCustomer()).isTrue();
        assertThat(verdict.signals()).extracting(Signal::name).contains("logit_extraction");
    }

    /**
     * Output-layer probing spread thin: a few requests an hour through the working day, each an ordinary question
     * at an ordinary budget with a small bias map and the top log-probabilities. Each answer's every position reads
     * the biased distribution; the combination is the probe whatever the budget.
     */
    @Test
    void logitBiasWithLogprobsAtOrdinaryBudgetsIsActioned() {
        java.util.Random rng = new java.util.Random(81);
        List<UsageEvent> events = new java.util.ArrayList<>();
        Instant ts = Workloads.START;
        for (int i = 0; i < 120; i++) {
            ts = ts.plusSeconds(600 + rng.nextInt(900));
            events.add(TestEvents.event("org_thin", ts).ip("198.51.100.7").userAgent("openai-python/1.54")
                    .user(Workloads.mathProblem(rng)).maxTokens(64 + rng.nextInt(448)).logitBias(2 + rng.nextInt(14))
                    .logprobs(3 + rng.nextInt(3)).completionTokens(40 + rng.nextInt(200)).build());
        }
        PrincipalVerdict verdict = run(events, Workloads.standard("org_thin"));
        assertThat(verdict.action().affectsCustomer()).isTrue();
        assertThat(verdict.signals()).extracting(Signal::name).contains("logit_extraction");
    }

    @Test
    void softLabelsOnEverySubstantialAnswerAreActioned() {
        PrincipalVerdict verdict = run(Workloads.softLabelReader("org_sl", Workloads.START, 1_500, 5, 350),
                Workloads.selfServe("org_sl", NEW));
        assertThat(verdict.action().affectsCustomer()).isTrue();
        assertThat(verdict.signals()).extracting(Signal::name).contains("soft_label_distillation");
    }

    /** Classification by log-probabilities reads one token's alternatives: no dataset of distributions. */
    @Test
    void logprobsOnOneTokenAnswersAreNotSoftLabels() {
        PrincipalVerdict verdict = run(Workloads.softLabelReader("org_cl", Workloads.START, 1_500, 5, 1),
                Workloads.selfServe("org_cl", NEW));
        assertThat(verdict.action().affectsCustomer()).isFalse();
        assertThat(verdict.signals()).extracting(Signal::name).doesNotContain("soft_label_distillation");
    }

    @Test
    void chatUsersAreLeftAlone() {
        PrincipalVerdict verdict = run(Workloads.chatUsers("org_c", Workloads.START, 3000, 4),
                Workloads.selfServe("org_c", NEW));
        assertThat(verdict.action()).isIn(Action.NONE, Action.FLAG);
    }

    @Test
    void enterpriseBatchJobIsLeftAlone() {
        PrincipalVerdict verdict = run(Workloads.batchJob("org_b", Workloads.START, 5000, 5), Workloads.enterprise("org_b"));
        assertThat(verdict.action()).isIn(Action.NONE, Action.FLAG);
    }

    @Test
    void selfServeBatchJobIsNotAffected() {
        PrincipalVerdict verdict = run(Workloads.batchJob("org_b", Workloads.START, 5000, 6),
                Workloads.selfServe("org_b", NEW));
        assertThat(verdict.action().affectsCustomer()).isFalse();
    }

    @Test
    void codingAgentIsNotAffected() {
        PrincipalVerdict verdict = run(Workloads.codingAgent("org_a", Workloads.START, 4000, 7),
                Workloads.selfServe("org_a", NEW));
        assertThat(verdict.action().affectsCustomer()).isFalse();
    }

    /**
     * Declaring tools makes a request an agent's step only when the sender carries its function-calling
     * conversations on (sends the tools' results back). The same product whose requests are all openings, never
     * continued, buys each answer — a plan of calls and a reply — as a single shot: tool-use traces for training an
     * agent, judged like any other single-shot harvest.
     */
    @Test
    void toolsDeclaredOnRequestsThatAreNeverCarriedOnDoNotMakeThemAgentSteps() {
        PrincipalVerdict harvest = run(Workloads.toolPlanner("org_plans", Workloads.START, 1500, 21, 0),
                Workloads.selfServe("org_plans", NEW));
        assertThat(harvest.action().affectsCustomer()).isTrue();
        assertThat(harvest.signals()).extracting(Signal::name).contains("harvesting_parameters");

        PrincipalVerdict agent = run(Workloads.toolPlanner("org_agent", Workloads.START, 1500, 21, 3),
                Workloads.selfServe("org_agent", NEW));
        assertThat(agent.action().affectsCustomer()).isFalse();
    }

    /**
     * Long answers at a full budget, around the clock, in one frame: a harvest's shape when the answers are new
     * content, a RAG application's when they are grounded in the pages its prompts carry (an answer much shorter than
     * its prompt). The same answers to the bare questions are bought content and are stopped.
     */
    @Test
    void longAnswersGroundedInLongPromptsAreNotAHarvest() {
        Instant young = Workloads.START.minus(Duration.ofDays(20));
        PrincipalVerdict rag = run(Workloads.ragWithPages("org_docs", Workloads.START, 3000, 71, true),
                Workloads.selfServe("org_docs", young));
        assertThat(rag.action().affectsCustomer()).isFalse();

        PrincipalVerdict bought = run(Workloads.ragWithPages("org_bare", Workloads.START, 3000, 71, false),
                Workloads.selfServe("org_bare", young));
        assertThat(bought.action().affectsCustomer()).isTrue();
    }

    @Test
    void ragAppIsNotAffected() {
        PrincipalVerdict verdict = run(Workloads.ragApp("org_r", Workloads.START, 3000, 8),
                Workloads.selfServe("org_r", NEW));
        assertThat(verdict.action().affectsCustomer()).isFalse();
    }

    @Test
    void aVettedPartnersLeakedKeyIsCaughtByItsDrift() {
        // the thief uses the very key of the partner's batch job, from elsewhere
        List<UsageEvent> own = Workloads.batchJob("org_p", Workloads.START, 3000, 10);
        List<UsageEvent> stolen = Workloads.reasoningHarvester("org_p", Workloads.START.plusSeconds(1800), 400, 11,
                "192.0.2.77");
        Detector detector = new Detector(DetectorSettings.defaults());
        detector.addOrg(Workloads.enterprise("org_p"));
        Workloads.interleave(List.of(own, stolen)).forEach(detector::accept);
        PrincipalVerdict key = detector.verdict("org_p", "key_org_p").orElseThrow();
        assertThat(key.kind()).isEqualTo("key");
        assertThat(key.org()).contains("org_p");
        assertThat(key.action().affectsCustomer()).isTrue();
        assertThat(key.signals()).extracting(Signal::name).contains("infrastructure_drift");
        assertThat(detector.enforcement("org_p", "key_org_p").affectsCustomer()).isTrue();
    }

    @Test
    void aKeyLeakedEarlyInAQuietPartnersLifeIsStillJudgedAsDrift() {
        // the partner has sent only a dozen requests when the thief arrives two hours later: the baseline is
        // closed by time, not only after 200 events, so the thief does not become part of it
        List<UsageEvent> own = Workloads.batchJob("org_q", Workloads.START, 12, 14);
        List<UsageEvent> stolen = Workloads.reasoningHarvester("org_q", Workloads.START.plusSeconds(7200), 300, 15,
                "192.0.2.88");
        Detector detector = new Detector(DetectorSettings.defaults());
        detector.addOrg(Workloads.enterprise("org_q"));
        Workloads.interleave(List.of(own, stolen)).forEach(detector::accept);
        PrincipalVerdict key = detector.verdict("org_q", "key_org_q").orElseThrow();
        assertThat(key.action().affectsCustomer()).isTrue();
        assertThat(key.signals()).extracting(Signal::name).contains("infrastructure_drift");
    }

    @Test
    void aLeakedKeyUsedWithItsOwnersClientFromHomeAddressesIsDrift() {
        // the thief copies the batch job's client library; what it cannot copy is where the job runs: servers, where
        // the stolen key now answers from residential addresses the organisation never used
        List<UsageEvent> own = Workloads.batchJob("org_p", Workloads.START, 3000, 10);
        List<UsageEvent> stolen = Workloads.reasoningHarvester("org_p", Workloads.START.plusSeconds(7200), 400, 11,
                "192.0.2.77");
        PrincipalVerdict fromHome = keyAfter(own, withOrigin(stolen, "northwind-batch/3.1", "residential"));
        assertThat(fromHome.action().affectsCustomer()).isTrue();
        assertThat(fromHome.signals()).extracting(Signal::name).contains("infrastructure_drift");

        // the same client from another server of the same kind is the organisation growing, judged under its trust
        PrincipalVerdict newServer = keyAfter(own, withOrigin(stolen, "northwind-batch/3.1", "hosting"));
        assertThat(newServer.signals()).extracting(Signal::name).doesNotContain("infrastructure_drift");
    }

    private static PrincipalVerdict keyAfter(List<UsageEvent> own, List<UsageEvent> other) {
        Detector detector = new Detector(DetectorSettings.defaults());
        detector.addOrg(Workloads.enterprise("org_p"));
        Workloads.interleave(List.of(own, other)).forEach(detector::accept);
        return detector.verdict("org_p", "key_org_p").orElseThrow();
    }

    private static List<UsageEvent> withOrigin(List<UsageEvent> events, String userAgent, String network) {
        return events.stream().map(e -> new UsageEvent(e.id(), e.ts(), e.orgId(), e.accountId(), e.keyId(), e.ip(),
                e.country(), network, userAgent, e.api(), e.model(), e.request(), e.response(), e.decision(),
                e.latencyMs())).toList();
    }

    /**
     * A distiller that streams each item at a full budget and closes the stream once the worked solution is in: the
     * gateway records 499 with the 150–450 tokens delivered. The client chose where the answer ended, and the answer it
     * asked for was a long one. The same exchanges finished by the model at those lengths are an app's short answers.
     */
    @Test
    void anAnswerTheClientCutShortIsTheLongAnswerItAskedFor() {
        List<UsageEvent> distiller = Workloads.quietDistiller("org_cut", Workloads.START, 1500, 61);
        java.util.Random rng = new java.util.Random(62);
        List<Long> delivered = distiller.stream().map(e -> 150L + rng.nextInt(300)).toList();
        PrincipalVerdict cut = run(withEndings(distiller, delivered, 499), Workloads.standard("org_cut"));
        PrincipalVerdict finished = run(withEndings(distiller, delivered, 200), Workloads.standard("org_cut"));
        assertThat(cut.action().affectsCustomer()).isTrue();
        assertThat(finished.action().affectsCustomer()).isFalse();
    }

    /** The events with the given status and delivered completion tokens, and no answer text (as the gateway keeps a 499). */
    private static List<UsageEvent> withEndings(List<UsageEvent> events, List<Long> delivered, int status) {
        List<UsageEvent> ended = new java.util.ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            UsageEvent e = events.get(i);
            ended.add(new UsageEvent(e.id(), e.ts(), e.orgId(), e.accountId(), e.keyId(), e.ip(), e.country(),
                    e.network(), e.userAgent(), e.api(), e.model(), e.request(),
                    new ResponseSummary(status, java.util.Optional.empty(), e.response().promptTokens(), delivered.get(i),
                            0, java.util.Optional.empty()), e.decision(), e.latencyMs()));
        }
        return ended;
    }

    @Test
    void aLeakedKeyIsStoppedWithoutTouchingTheOrganisationsOtherKeys() {
        List<UsageEvent> own = Workloads.batchJob("org_p", Workloads.START, 3000, 10);
        List<UsageEvent> stolen = withKey(Workloads.reasoningHarvester("org_p", Workloads.START.plusSeconds(1800),
                400, 11, "192.0.2.77"), "key_leaked");
        Detector detector = new Detector(DetectorSettings.defaults());
        detector.addOrg(Workloads.enterprise("org_p"));
        List<Verdict> verdicts = new java.util.ArrayList<>();
        detector.addListener(verdicts::add);
        Workloads.interleave(List.of(own, stolen)).forEach(detector::accept);

        assertThat(detector.enforcement("org_p", "key_leaked").affectsCustomer()).isTrue();
        assertThat(detector.enforcement("org_p", "key_org_p").affectsCustomer()).isFalse();
        assertThat(detector.enforcement("org_p").affectsCustomer()).isFalse();
        // a key id presented for another organisation carries nothing over
        assertThat(detector.enforcement("org_other", "key_leaked")).isEqualTo(Action.NONE);
        assertThat(verdicts).filteredOn(v -> v.action().affectsCustomer())
                .allSatisfy(v -> assertThat(v.keyId()).contains("key_leaked"));
        assertThat(detector.report().principals()).filteredOn(p -> p.kind().equals("key"))
                .extracting(PrincipalVerdict::id).containsExactly("key_leaked");
    }

    @Test
    void aResoldKeyHarvestingInsideAnHonestTeamIsStoppedAtTheKey() {
        // a long-standing team: several people chatting with their own keys, one key resold to a harvester
        // who works from the team's own office address, so there is no drift to see
        List<List<UsageEvent>> streams = new java.util.ArrayList<>();
        for (int person = 0; person < 6; person++) {
            streams.add(withKey(Workloads.chatUsers("org_t", Workloads.START, 500, 20 + person), "key_person" + person));
        }
        streams.add(withKey(Workloads.reasoningHarvester("org_t", Workloads.START.plusSeconds(600), 300, 30,
                "198.51.100.7"), "key_resold"));
        OrgProfile team = new OrgProfile("org_t", java.util.Optional.of(Workloads.START.minus(Duration.ofDays(400))),
                java.util.Optional.of("US"), java.util.Optional.of("team"), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty());
        Detector detector = new Detector(DetectorSettings.defaults());
        detector.addOrg(team);
        Workloads.interleave(streams).forEach(detector::accept);

        assertThat(detector.enforcement("org_t", "key_resold").affectsCustomer()).isTrue();
        assertThat(detector.verdict("org_t", "key_resold").orElseThrow().firstActionEvent()).isPresent();
        for (int person = 0; person < 6; person++) {
            assertThat(detector.enforcement("org_t", "key_person" + person).affectsCustomer()).isFalse();
        }
    }

    private static List<UsageEvent> withKey(List<UsageEvent> events, String keyId) {
        return events.stream().map(e -> new UsageEvent(e.id(), e.ts(), e.orgId(), e.accountId(), keyId, e.ip(),
                e.country(), e.network(), e.userAgent(), e.api(), e.model(), e.request(), e.response(), e.decision(),
                e.latencyMs())).toList();
    }

    @Test
    void aHarvestingStreamMixedIntoOrdinaryTrafficIsCaught() {
        List<UsageEvent> customers = Workloads.chatUsers("org_m", Workloads.START, 3000, 12);
        List<UsageEvent> harvest = Workloads.reasoningHarvester("org_m", Workloads.START.plusSeconds(3600), 300, 13,
                "100.64.3.3");
        OrgProfile team = new OrgProfile("org_m", java.util.Optional.of(Workloads.START.minus(Duration.ofDays(400))),
                java.util.Optional.of("US"), java.util.Optional.of("team"), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty());
        PrincipalVerdict verdict = run(Workloads.interleave(List.of(customers, harvest)), team);
        assertThat(verdict.action().affectsCustomer()).isTrue();
        assertThat(verdict.signals()).extracting(Signal::name).contains("template_stream");
    }

    private static OrgProfile established(String org) {
        return new OrgProfile(org, java.util.Optional.of(Workloads.START.minus(Duration.ofDays(400))),
                java.util.Optional.of("US"), java.util.Optional.of("standard"), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty());
    }

    @Test
    void aQuietDistillerHiddenInAnAppsTrafficIsStopped() {
        // a reseller: its app's users and one customer harvesting without any telling word, through the same
        // key, client and addresses; the cover dilutes single-shot and budget rates alike, so only the joint
        // share of whole harvesting exchanges (saturating at half the traffic) shows it
        // (the review budget is off here, so the joint shape alone must do it: its users' repeated follow-ups
        // would lower the diversity of all prompts, not that of the harvested ones)
        List<UsageEvent> app = Workloads.appUsers("org_s", Workloads.START, 2500, 40);
        List<UsageEvent> harvest = Workloads.quietDistiller("org_s", Workloads.START.plusSeconds(1800), 2500, 41);
        PrincipalVerdict verdict = runWith(DetectorSettings.defaults().toBuilder().reviewHarvestBudget(0).build(),
                Workloads.interleave(List.of(app, harvest)), established("org_s"));
        assertThat(verdict.action().affectsCustomer()).isTrue();
        assertThat(verdict.signals()).extracting(Signal::name).contains("harvesting_parameters");
        assertThat(verdict.signals()).extracting(Signal::name)
                .doesNotContain("reasoning_elicitation", "grader_intent");
    }

    /**
     * The same distiller on an established account of its own, leaving max_tokens unset: on the OpenAI API that is
     * the largest budget there is (up to the context window), not none.
     */
    @Test
    void aDistillerThatLeavesTheBudgetUnsetHasAHarvestersBudget() {
        PrincipalVerdict verdict = run(Workloads.quietDistiller("org_u", Workloads.START, 1500, 43, 0),
                established("org_u"));
        assertThat(verdict.action().affectsCustomer()).isTrue();
        assertThat(verdict.signals()).extracting(Signal::name).contains("harvesting_parameters");
    }

    @Test
    void anAppWhoseUsersSometimesAskForLongAnswersIsLeftAlone() {
        PrincipalVerdict verdict = run(Workloads.appUsers("org_w", Workloads.START, 5000, 42), established("org_w"));
        assertThat(verdict.action()).isIn(Action.NONE, Action.FLAG);
        PrincipalVerdict selfServe = run(Workloads.appUsers("org_v", Workloads.START, 5000, 43),
                Workloads.selfServe("org_v", NEW));
        assertThat(selfServe.action()).isIn(Action.NONE, Action.FLAG);
    }

    /** Everything with any risk is sent to review and nothing reaches throttle on its risk alone. */
    private static DetectorSettings reviewOnly(int budget) {
        return DetectorSettings.defaults().toBuilder().thresholds(0.01, 0.02, 0.99, 0.995, 1.0)
                .reviewHarvestBudget(budget).build();
    }

    private static PrincipalVerdict runWith(DetectorSettings settings, List<UsageEvent> events, OrgProfile org) {
        Detector detector = new Detector(settings);
        detector.addOrg(org);
        events.forEach(detector::accept);
        return detector.verdict(org.orgId()).orElseThrow();
    }

    @Test
    void reviewThatNobodyActsOnIsThrottledOnceItsHarvestBudgetIsSpent() {
        List<UsageEvent> harvest = Workloads.quietDistiller("org_q", Workloads.START, 1200, 44);
        PrincipalVerdict verdict = runWith(reviewOnly(500), harvest, established("org_q"));
        assertThat(verdict.action()).isEqualTo(Action.THROTTLE);
        // about four in five of its exchanges get long completions: the 500th comes after 500 and well before 1,000
        assertThat(verdict.firstActionEvent().orElseThrow()).isBetween(500L, 1_000L);
        assertThat(verdict.signals()).extracting(Signal::name).contains("unreviewed_harvest");

        PrincipalVerdict disabled = runWith(reviewOnly(0), harvest, established("org_q"));
        assertThat(disabled.action()).isEqualTo(Action.REVIEW);
        assertThat(disabled.firstActionEvent()).isEmpty();
    }

    /**
     * The default budget is a fifth of the bound on a campaign's harvest before action (500): a campaign split
     * over five unlinked organisations that each settle at review gets about that much before all five are throttled.
     */
    @Test
    void theDefaultReviewBudgetLetsFiveUnlinkedPrincipalsTogetherHarvestNoMoreThanTheCampaignBound() {
        int budget = DetectorSettings.defaults().reviewHarvestBudget();
        assertThat(5 * budget).isLessThanOrEqualTo(500);
        long harvestedAtReview = 0;
        for (int org = 0; org < 5; org++) {
            String id = "org_split" + org;
            List<UsageEvent> share = Workloads.quietDistiller(id, Workloads.START, 400, 50 + org);
            PrincipalVerdict verdict = runWith(reviewOnly(budget), share, established(id));
            assertThat(verdict.action()).isEqualTo(Action.THROTTLE);
            harvestedAtReview += verdict.firstActionEvent().orElseThrow();
        }
        // about four in five exchanges are long: the budget's 100 come after about 125 exchanges of each organisation
        assertThat(harvestedAtReview).isLessThan(5 * 200);
    }

    @Test
    void aClustersMembersSpendOneReviewBudgetTogether() {
        // two accounts paying with one card: each stays under the budget on its own, together they spend it
        OrgProfile first = new OrgProfile("org_c1", java.util.Optional.of(Workloads.START.minus(Duration.ofDays(90))),
                java.util.Optional.of("US"), java.util.Optional.of("standard"), java.util.Optional.of("pm_shared_card"),
                java.util.Optional.empty(), java.util.Optional.empty());
        OrgProfile second = new OrgProfile("org_c2", first.createdAt(), first.country(), first.tier(),
                first.paymentFingerprint(), java.util.Optional.empty(), java.util.Optional.empty());
        Detector detector = new Detector(reviewOnly(500));
        detector.addOrg(first);
        detector.addOrg(second);
        Workloads.interleave(List.of(Workloads.quietDistiller("org_c1", Workloads.START, 380, 47),
                Workloads.quietDistiller("org_c2", Workloads.START.plusSeconds(30), 380, 48))).forEach(detector::accept);
        PrincipalVerdict one = detector.verdict("org_c1").orElseThrow();
        PrincipalVerdict two = detector.verdict("org_c2").orElseThrow();
        assertThat(one.cluster()).isPresent().isEqualTo(two.cluster());
        assertThat(one.action()).isEqualTo(Action.THROTTLE);
        assertThat(two.action()).isEqualTo(Action.THROTTLE);
        assertThat(one.signals()).extracting(Signal::name).contains("cluster").doesNotContain("unreviewed_harvest");
        assertThat(detector.report().clusters()).singleElement().satisfies(cluster ->
                assertThat(cluster.signals()).extracting(Signal::name).contains("unreviewed_harvest"));
    }

    @Test
    void anOrganisationsKeysAtReviewSpendOneReviewBudgetTogether() {
        // an established customer's batch job on its main key, and a harvest split over three more keys: each key is
        // at review on its own and under the budget (about 210 long answers each), together they are over it
        List<List<UsageEvent>> streams = new java.util.ArrayList<>();
        streams.add(Workloads.batchJob("org_s", Workloads.START, 4000, 71));
        for (int k = 1; k <= 3; k++) {
            streams.add(withKey(Workloads.quietDistiller("org_s", Workloads.START.plusSeconds(7L * k), 260, 71 + k),
                    "key_s" + k));
        }
        List<UsageEvent> events = Workloads.interleave(streams);
        DetectorSettings keysAtReview = DetectorSettings.defaults().toBuilder().thresholds(0.2, 0.5, 0.95, 0.97, 0.99)
                .reviewHarvestBudget(500).build();

        Detector detector = new Detector(keysAtReview);
        detector.addOrg(Workloads.standard("org_s"));
        events.forEach(detector::accept);
        for (int k = 1; k <= 3; k++) {
            PrincipalVerdict key = detector.verdict("org_s", "key_s" + k).orElseThrow();
            assertThat(key.action()).isEqualTo(Action.THROTTLE);
            assertThat(key.signals()).filteredOn(signal -> signal.name().equals("unreviewed_harvest"))
                    .singleElement().satisfies(signal -> assertThat(signal.detail()).contains("keys at review"));
        }
        assertThat(detector.enforcement("org_s", "key_org_s").affectsCustomer()).isFalse();
        assertThat(detector.verdict("org_s").orElseThrow().action().affectsCustomer()).isFalse();

        // the same traffic with a budget above what the three received together: each stays at review
        Detector patient = new Detector(keysAtReview.toBuilder().reviewHarvestBudget(800).build());
        patient.addOrg(Workloads.standard("org_s"));
        events.forEach(patient::accept);
        for (int k = 1; k <= 3; k++) {
            assertThat(patient.verdict("org_s", "key_s" + k).orElseThrow().action()).isEqualTo(Action.REVIEW);
        }
    }

    /**
     * Worked solutions bought in pieces of 160 tokens: each request prefills the answer so far and the model goes on.
     * Piece by piece every answer is short and every budget small; judged as the pieces of one answer, the traffic
     * is single questions answered at length. Against it, an extraction app that prefills an opening brace.
     */
    @Test
    void anAnswerBoughtInPiecesThroughPrefillsIsOneLongAnswer() {
        java.util.Random rng = new java.util.Random(29);
        List<UsageEvent> pieces = new java.util.ArrayList<>();
        List<UsageEvent> extraction = new java.util.ArrayList<>();
        Instant ts = Workloads.START;
        for (int item = 0; item < 150; item++) {
            String question = Workloads.mathProblem(rng) + " (" + item + ")";
            StringBuilder soFar = new StringBuilder();
            for (int piece = 0; piece < 5; piece++) {
                ts = ts.plusSeconds(4 + rng.nextInt(6));
                TestEvents request = TestEvents.event("org_p", ts).userAgent("anthropic-sdk").user(question);
                if (piece > 0) {
                    request.assistant(soFar.toString());
                }
                String next = "Working for item " + item + ", step " + piece + ": we take " + rng.nextInt(99)
                        + " and carry it over to the next line of the solution. ";
                pieces.add(request.maxTokens(160).completionTokens(160).promptTokens(80 + 40L * piece).answer(next)
                        .build());
                soFar.append(next);
            }
            extraction.add(TestEvents.event("org_x", ts).user("Extract the buyer and the amount as JSON: "
                    + Workloads.mathProblem(rng)).assistant("{").maxTokens(160).completionTokens(40)
                    .answer("\"buyer\": \"" + item + "\", \"amount\": " + rng.nextInt(500) + "}").build());
        }
        PrincipalVerdict bought = run(pieces, established("org_p"));
        assertThat(bought.action().affectsCustomer()).isTrue();
        assertThat(bought.signals()).extracting(Signal::name).contains("harvesting_parameters");
        PrincipalVerdict app = run(extraction, established("org_x"));
        assertThat(app.action()).isIn(Action.NONE, Action.FLAG);
    }

    /**
     * The output layer read without logprobs: a one-entry bias raised step by step on the same prompt at temperature
     * 0 until its token wins, several prompts in flight. Against it, a classifier with a fixed bias map over documents
     * that change, and a name generator sampling one prompt again and again under a ban list at temperature 1.
     */
    @Test
    void aBiasSearchOnRepeatedPromptsIsAnOutputLayerProbe() {
        java.util.Random rng = new java.util.Random(23);
        List<UsageEvent> search = new java.util.ArrayList<>();
        List<UsageEvent> classifier = new java.util.ArrayList<>();
        List<UsageEvent> names = new java.util.ArrayList<>();
        Instant ts = Workloads.START;
        for (int i = 0; i < 800; i++) {
            ts = ts.plusSeconds(20 + rng.nextInt(40));
            // eight prompts in flight, each searched over about ten steps before the next takes its place
            int prompt = i / 80 * 8 + rng.nextInt(8);
            search.add(TestEvents.event("org_b", ts).user("Continue the text: the river flows past the old mill and "
                    + "then " + prompt).logitBias(1).temperature(0).maxTokens(8).completionTokens(3).build());
            classifier.add(TestEvents.event("org_c", ts).user("Is this e-mail relevant to the merger? " + i + " "
                    + Workloads.mathProblem(rng)).logitBias(3).temperature(0).maxTokens(1).completionTokens(1).build());
            names.add(TestEvents.event("org_n", ts).user("Invent a name for a fantasy tavern.").logitBias(4)
                    .temperature(1.0).maxTokens(12).completionTokens(6).build());
        }
        PrincipalVerdict probe = run(search, established("org_b"));
        assertThat(probe.action().affectsCustomer()).isTrue();
        assertThat(probe.firstActionEvent().orElseThrow()).isLessThan(100);
        assertThat(probe.signals()).filteredOn(signal -> signal.name().equals("logit_extraction")).singleElement()
                .satisfies(signal -> assertThat(signal.value()).isGreaterThan(0.8));
        for (PrincipalVerdict ordinary : List.of(run(classifier, established("org_c")), run(names, established("org_n")))) {
            assertThat(ordinary.action()).isIn(Action.NONE, Action.FLAG);
            assertThat(ordinary.signals()).extracting(Signal::name).doesNotContain("logit_extraction");
        }
    }

    /**
     * Without a bias or logprobs the output layer is still read by counting: a few tokens of the same prompt sampled
     * at temperature again and again, eight prompts in flight, each replaced by a new one after about twenty samples.
     * A generator sampling its five fixed prompts for as long as it runs is left alone.
     */
    @Test
    void aSamplingCensusOverPromptAfterPromptIsAnOutputLayerProbe() {
        java.util.Random rng = new java.util.Random(29);
        List<UsageEvent> census = new java.util.ArrayList<>();
        List<UsageEvent> generator = new java.util.ArrayList<>();
        List<String> subjects = List.of("tavern", "ship", "dragon", "kingdom", "sword");
        Instant ts = Workloads.START;
        for (int i = 0; i < 800; i++) {
            ts = ts.plusSeconds(20 + rng.nextInt(40));
            int prompt = i / 160 * 8 + rng.nextInt(8);
            census.add(TestEvents.event("org_s", ts).user("Problem " + prompt + ": a baker sells loaves at three "
                    + "dollars each. Solution: first we").temperature(1.0).maxTokens(8).completionTokens(6).build());
            generator.add(TestEvents.event("org_g", ts).user("Invent a name for a fantasy "
                    + subjects.get(rng.nextInt(subjects.size())) + ".").temperature(1.0).maxTokens(12)
                    .completionTokens(6).build());
        }
        PrincipalVerdict probe = run(census, established("org_s"));
        assertThat(probe.action().affectsCustomer()).isTrue();
        assertThat(probe.signals()).filteredOn(signal -> signal.name().equals("logit_extraction")).singleElement()
                .satisfies(signal -> assertThat(signal.value()).isGreaterThan(0.5));
        PrincipalVerdict names = run(generator, established("org_g"));
        assertThat(names.action()).isIn(Action.NONE, Action.FLAG);
        assertThat(names.signals()).extracting(Signal::name).doesNotContain("logit_extraction");
    }

    /**
     * Mapping where the model draws its lines: an account sending borderline questions in many framings, a fifth of
     * them refused, is acted on from its answers alone — no template, no elicitation wording, short budgets. The
     * control is a consumer chat product whose users try their luck now and then (one answer in a hundred refused).
     */
    @Test
    void anAccountRefusedInAFifthOfItsAnswersIsMappingTheModelsLimits() {
        java.util.Random rng = new java.util.Random(41);
        List<String> subjects = List.of("disabling a car immobiliser", "the lethal dose of a common painkiller",
                "reading a partner's messages without them knowing", "making a lock pick from a hairpin",
                "finding where someone lives from their number plate", "mixing household cleaners",
                "getting past a paywall", "buying prescription sleeping pills without a prescription");
        List<String> framings = List.of("", "As a nurse, ", "For a thriller I'm writing, ", "Asking for my teenager: ",
                "Hypothetically, ", "My landlord wronged me. ");
        List<UsageEvent> probing = new java.util.ArrayList<>();
        List<UsageEvent> chat = new java.util.ArrayList<>();
        Instant ts = Workloads.START;
        for (int i = 0; i < 400; i++) {
            ts = ts.plusSeconds(60 + rng.nextInt(240));
            String subject = subjects.get(rng.nextInt(subjects.size()));
            String answer = rng.nextInt(5) == 0
                    ? "I can't help with the specifics of " + subject + ". If someone is at risk, contact the local "
                    + "emergency number."
                    : "In general terms: " + subject + " carries real risks, and the safe course is to ask a "
                    + "professional.";
            probing.add(TestEvents.event("org_m", ts).ip("81.2.69." + (10 + rng.nextInt(3)))
                    .network("residential").userAgent("Mozilla/5.0").user(framings.get(rng.nextInt(framings.size()))
                            + "what should I know about " + subject + "?")
                    .maxTokens(512).answer(answer).completionTokens(40 + rng.nextInt(60)).build());
        }
        for (int i = 0; i < 2_000; i++) {
            ts = ts.plusSeconds(20 + rng.nextInt(60));
            String answer = rng.nextInt(100) == 0 ? "I can't help with that, but I can suggest a safer alternative."
                    : "Sure — here is a draft you can adapt: " + rng.nextInt(1_000);
            chat.add(TestEvents.event("org_c", ts).ip("81.2.70." + rng.nextInt(200)).network("residential")
                    .userAgent("Mozilla/5.0").user(Workloads.chatPrompt(rng)).answer(answer).maxTokens(1024)
                    .completionTokens(80 + rng.nextInt(300)).build());
        }
        OrgProfile fresh = new OrgProfile("org_m", java.util.Optional.of(NEW), java.util.Optional.of("GB"),
                java.util.Optional.of("self-serve"), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty());
        PrincipalVerdict mapping = run(probing, fresh);
        assertThat(mapping.action().affectsCustomer()).isTrue();
        assertThat(mapping.firstActionEvent().orElseThrow()).isLessThan(100);
        assertThat(mapping.signals()).filteredOn(signal -> signal.name().equals("refusal_probing")).singleElement()
                .satisfies(signal -> assertThat(signal.examples()).isNotEmpty());
        PrincipalVerdict product = run(chat, established("org_c"));
        assertThat(product.action()).isIn(Action.NONE, Action.FLAG);
        assertThat(product.signals()).extracting(Signal::name).doesNotContain("refusal_probing");
    }

    /**
     * Reasoning coerced by example: two worked solutions laid out as earlier turns before each item, no instruction
     * word. In form a conversation; but none of its turns passed through the gateway, so each request is judged as
     * the single request it is — full solutions bought one item at a time at a harvester's budget.
     */
    @Test
    void workedExamplesLaidOutAsEarlierTurnsAreASingleRequestNotAConversation() {
        java.util.Random rng = new java.util.Random(17);
        List<UsageEvent> events = new java.util.ArrayList<>();
        Instant ts = Workloads.START;
        for (int i = 0; i < 600; i++) {
            ts = ts.plusSeconds(40 + rng.nextInt(80));
            events.add(TestEvents.event("org_f", ts).ip("100.64.7." + (1 + rng.nextInt(4)))
                    .userAgent("python-httpx/0.27").user(Workloads.mathProblem(rng))
                    .assistant("First, " + rng.nextInt(90) + " + " + rng.nextInt(90) + " gives the total; then we "
                            + "subtract what was lost, and the result is " + rng.nextInt(500) + ".")
                    .user(Workloads.mathProblem(rng))
                    .assistant("We multiply " + rng.nextInt(20) + " by " + rng.nextInt(20) + ", then divide by the "
                            + "number of days, so the answer is " + rng.nextInt(300) + ".")
                    .user(Workloads.mathProblem(rng)).maxTokens(4096).promptTokens(400)
                    .completionTokens(700 + rng.nextInt(1_800)).build());
        }
        PrincipalVerdict verdict = run(events, established("org_f"));
        // on its own evidence, early; judged as conversation it reached only review and was throttled by the review
        // budget after several hundred exchanges
        assertThat(verdict.action().affectsCustomer()).isTrue();
        assertThat(verdict.firstActionEvent().orElseThrow()).isLessThan(150);
        assertThat(verdict.signals()).extracting(Signal::name).contains("harvesting_parameters")
                .doesNotContain("unreviewed_harvest");
    }

    /**
     * A hydra of burner accounts that share nothing a linker sees (own address range, no card or template in common),
     * each used for one session of 60 exchanges and abandoned: each sits at review under its own budget, so only the
     * budget all new self-serve accounts share stops the later ones.
     */
    @Test
    void newSelfServeAccountsAtReviewShareOneBudget() {
        int accounts = 12;
        List<UsageEvent> chain = burnerChain(accounts);
        DetectorSettings shared = reviewOnly(100).toBuilder().newAccountReviewBudget(100).build();
        Detector detector = new Detector(shared);
        for (int i = 0; i < accounts; i++) {
            detector.addOrg(Workloads.selfServe("org_burner" + i, burnerStart(i).minus(Duration.ofMinutes(10))));
        }
        chain.forEach(detector::accept);

        List<PrincipalVerdict> verdicts = java.util.stream.IntStream.range(0, accounts)
                .mapToObj(i -> detector.verdict("org_burner" + i).orElseThrow()).toList();
        assertThat(verdicts).allSatisfy(verdict -> assertThat(verdict.cluster()).isEmpty());
        // the first two receive the day's budget between them (about 48 long answers each), later ones are throttled
        assertThat(verdicts.getFirst().action()).isEqualTo(Action.REVIEW);
        assertThat(verdicts.subList(3, accounts)).allSatisfy(verdict -> {
            assertThat(verdict.action()).isEqualTo(Action.THROTTLE);
            assertThat(verdict.signals().getFirst().name()).isEqualTo("unreviewed_harvest");
            assertThat(verdict.signals().getFirst().detail()).contains("new self-serve accounts");
        });

        // with the shared budget off (the default), or for established accounts, each is judged on its own budget alone
        assertThat(DetectorSettings.defaults().newAccountReviewBudget()).isZero();
        for (DetectorSettings settings : List.of(reviewOnly(100), shared)) {
            boolean established = settings.newAccountReviewBudget() > 0;
            Detector alone = new Detector(settings);
            for (int i = 0; i < accounts; i++) {
                alone.addOrg(established ? established("org_burner" + i)
                        : Workloads.selfServe("org_burner" + i, burnerStart(i).minus(Duration.ofMinutes(10))));
            }
            chain.forEach(alone::accept);
            for (int i = 0; i < accounts; i++) {
                assertThat(alone.verdict("org_burner" + i).orElseThrow().action()).isEqualTo(Action.REVIEW);
            }
        }
    }

    @Test
    void theNewAccountsBudgetIsADaysAndRefillsAsTheDayMovesOn() {
        NewAccountReview review = new NewAccountReview();
        long start = Workloads.START.getEpochSecond();
        for (int i = 0; i < 100; i++) {
            review.add(start + 60L * i);
        }
        assertThat(review.spent(start + 6_000, 100)).isTrue();
        assertThat(review.spent(start + 6_000, 0)).as("0 disables it").isFalse();
        // 23 hours on, the first hour's 60 are still in the day; 25 hours on, none are
        assertThat(review.spent(start + 23 * 3_600, 100)).isTrue();
        assertThat(review.spent(start + 25 * 3_600, 100)).isFalse();
        assertThat(review.received()).isZero();
        review.add(start + 25 * 3_600);
        assertThat(review.received()).isEqualTo(1);
    }

    /** When burner account {@code i} starts its session: one every two hours. */
    private static Instant burnerStart(int i) {
        return Workloads.START.plus(Duration.ofHours(2L * i));
    }

    /**
     * Burner accounts, one after another: 60 single-shot requests each at a harvester's budget, receiving long
     * answers, every prompt its own words, every account its own /24.
     */
    private static List<UsageEvent> burnerChain(int accounts) {
        List<String> vocabulary = List.of("river", "stone", "maple", "cloud", "ember", "frost", "grove", "harbor",
                "island", "kettle", "lantern", "meadow", "needle", "orchard", "pepper", "quartz", "saddle", "timber",
                "velvet", "willow", "anchor", "basket", "candle", "desert", "engine", "falcon", "garden", "hammer");
        List<UsageEvent> events = new java.util.ArrayList<>();
        java.util.Random rng = new java.util.Random(90);
        for (int i = 0; i < accounts; i++) {
            Instant ts = burnerStart(i);
            for (int n = 0; n < 60; n++) {
                ts = ts.plusSeconds(30 + rng.nextInt(60));
                StringBuilder prompt = new StringBuilder("solve");
                for (int w = 0; w < 14; w++) {
                    prompt.append(' ').append(vocabulary.get(rng.nextInt(vocabulary.size())));
                }
                events.add(TestEvents.event("org_burner" + i, ts).ip("198.18." + i + "." + (1 + rng.nextInt(250)))
                        .userAgent("Mozilla/5.0 chat-web").user(prompt.toString()).maxTokens(4096)
                        .completionTokens(rng.nextInt(5) == 0 ? 350 : 700 + rng.nextInt(1_800)).build());
            }
        }
        return events;
    }

    @Test
    void keysDroppedAsIdleTakeWhatTheyReceivedAtReviewOutOfTheSharedBudget() {
        // two keys harvest at review for a few hours and fall silent; their state is dropped; half a day later a
        // third key harvests at review: the budget it shares is what keys with state received, not the old ones'
        // the organisation's own batch job runs on through the day (four runs of about three hours)
        List<UsageEvent> cover = new java.util.ArrayList<>();
        for (int run = 0; run < 4; run++) {
            cover.addAll(Workloads.batchJob("org_i", Workloads.START.plus(Duration.ofHours(4L * run)), 4000, 71 + run));
        }
        List<List<UsageEvent>> streams = new java.util.ArrayList<>(List.of(cover));
        streams.add(withKey(Workloads.quietDistiller("org_i", Workloads.START, 260, 81), "key_i1"));
        streams.add(withKey(Workloads.quietDistiller("org_i", Workloads.START.plusSeconds(11), 260, 82), "key_i2"));
        streams.add(withKey(Workloads.quietDistiller("org_i", Workloads.START.plus(Duration.ofHours(12)), 260, 83),
                "key_i3"));
        Detector detector = new Detector(DetectorSettings.defaults().toBuilder()
                .thresholds(0.2, 0.5, 0.95, 0.97, 0.99).reviewHarvestBudget(500).idleEviction(Duration.ofHours(6))
                .build());
        detector.addOrg(Workloads.standard("org_i"));
        Workloads.interleave(streams).forEach(detector::accept);

        assertThat(detector.verdict("org_i", "key_i3").orElseThrow().action()).isEqualTo(Action.REVIEW);
        assertThat(detector.verdict("org_i").orElseThrow().action().affectsCustomer()).isFalse();
    }

    @Test
    void aServiceWhoseWorkingDaySpansMidnightUtcIsNotRunningAroundTheClock() {
        // a customer in the Americas, busy from 13:00 to 04:00 UTC with a trickle in its night, against a machine
        // that never sleeps: every hour of both is non-empty, but only the machine's quiet hours are not quiet
        PrincipalVerdict americas = run(hourly("org_am", hour -> hour >= 13 || hour < 4 ? 40 : 1, 53),
                established("org_am"));
        assertThat(americas.signals()).extracting(Signal::name).doesNotContain("machine_cadence");
        PrincipalVerdict machine = run(hourly("org_mc", hour -> 25, 54), established("org_mc"));
        assertThat(machine.signals()).filteredOn(signal -> signal.name().equals("machine_cadence"))
                .singleElement().satisfies(signal -> assertThat(signal.value()).isGreaterThan(0.9));
    }

    /** Three days of chat requests at random moments, {@code perHour.applyAsInt(hour)} in each hour of the day (UTC). */
    private static List<UsageEvent> hourly(String org, java.util.function.IntUnaryOperator perHour, long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<UsageEvent> events = new java.util.ArrayList<>();
        for (int hour = 0; hour < 72; hour++) {
            Instant from = Workloads.START.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofHours(hour));
            random.ints(perHour.applyAsInt(hour % 24), 0, 3600).sorted().forEach(second -> events.add(
                    TestEvents.event(org, from.plusSeconds(second)).ip("100.64.1." + random.nextInt(250))
                            .userAgent("Mozilla/5.0 chat-web").user("Where can I find the invoice for order "
                                    + random.nextInt(100_000) + "?").build()));
        }
        return events;
    }

    @Test
    void aTiersOwnSettingsJudgeItsOrganisationsAndTheirKeysAndNoOtherTier() {
        // the same quiet harvest from accounts of two tiers; the deployment lets its "research" programme tier reach
        // review where others are throttled (tier names case-folded); 400 exchanges stay under the review budget
        DetectorSettings programme = DetectorSettings.defaults().toBuilder().tiers(java.util.Map.of("Research",
                new TierSettings(new Thresholds(0.3, 0.4, 0.99, 0.995, 1.0), 500))).build();
        OrgProfile research = new OrgProfile("org_r",
                java.util.Optional.of(Workloads.START.minus(Duration.ofDays(400))), java.util.Optional.of("US"),
                java.util.Optional.of("research"), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty());
        List<UsageEvent> harvest = Workloads.quietDistiller("org_r", Workloads.START, 400, 61);
        Detector detector = new Detector(programme);
        detector.addOrg(research);
        harvest.forEach(detector::accept);
        assertThat(detector.verdict("org_r").orElseThrow().action()).isEqualTo(Action.REVIEW);
        assertThat(detector.enforcement("org_r", "key_org_r").affectsCustomer()).isFalse();

        assertThat(run(harvest, research).action().affectsCustomer()).as("under the global settings").isTrue();
        PrincipalVerdict selfServe = runWith(programme,
                Workloads.quietDistiller("org_n", Workloads.START, 400, 61),
                Workloads.selfServe("org_n", NEW));
        assertThat(selfServe.action().affectsCustomer()).as("another tier").isTrue();

        // 1,200 exchanges spend a budget of 500 (throttle), but not a tier budget of 0: an analyst decides
        List<UsageEvent> longer = Workloads.quietDistiller("org_r", Workloads.START, 1200, 62);
        assertThat(runWith(programme, longer, research).action()).isEqualTo(Action.THROTTLE);
        DetectorSettings analystsDecide = DetectorSettings.defaults().toBuilder().tiers(java.util.Map.of("research",
                new TierSettings(new Thresholds(0.3, 0.4, 0.99, 0.995, 1.0), 0))).build();
        PrincipalVerdict reviewed = runWith(analystsDecide, longer, research);
        assertThat(reviewed.action()).isEqualTo(Action.REVIEW);
        assertThat(reviewed.signals()).extracting(Signal::name).doesNotContain("unreviewed_harvest");
    }

    @Test
    void thresholdsOutOfOrderOrATierWithoutANameAreRefusedSayingWhatWasExpected() {
        assertThatThrownBy(() -> new Thresholds(0.3, 0.5, 0.9, 0.8, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-decreasing");
        TierSettings some = new TierSettings(new Thresholds(0.3, 0.5, 0.6, 0.75, 0.9), 500);
        assertThatThrownBy(() -> DetectorSettings.defaults().toBuilder().tiers(java.util.Map.of(" ", some)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tier name is empty");
        assertThatThrownBy(() -> DetectorSettings.defaults().toBuilder()
                .tiers(java.util.Map.of("Enterprise", some, "enterprise", some)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
        assertThatThrownBy(() -> new TierSettings(some.thresholds(), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
    }

    @Test
    void reviewOfACustomerGettingShortAnswersNeverEscalates() {
        // a batch job in review (the thresholds put it there) receives only short classifications
        PrincipalVerdict verdict = runWith(reviewOnly(500), Workloads.batchJob("org_k", Workloads.START, 3000, 45),
                Workloads.selfServe("org_k", NEW));
        assertThat(verdict.action()).isEqualTo(Action.REVIEW);
    }

    /**
     * A benchmark's items sent one after the other in a chain-of-thought template, with thinking and an 8k budget,
     * from a new self-serve account: in its events a reasoning-coercion campaign, and stopped as one while nothing
     * says otherwise. With the benchmark registered it is an evaluation, flagged at most; a harvester that mixes
     * the registered items into its fresh ones is stopped all the same.
     */
    @Test
    void anEvaluationOverARegisteredBenchmarkIsFlaggedAtMostAndItsItemsHideNoHarvest() {
        List<String> items = Workloads.benchmark(1_319, 61);
        BenchmarkItems registered = BenchmarkItems.of(items);

        PrincipalVerdict unknown = runWith(BenchmarkItems.NONE,
                Workloads.evaluationOver("org_eval", Workloads.START, items, 62, 8192), Workloads.selfServe("org_eval", NEW));
        assertThat(unknown.action().affectsCustomer()).isTrue();

        PrincipalVerdict evaluation = runWith(registered,
                Workloads.evaluationOver("org_eval", Workloads.START, items, 62, 8192), Workloads.selfServe("org_eval", NEW));
        assertThat(evaluation.action()).isIn(Action.NONE, Action.FLAG);

        List<UsageEvent> cover = Workloads.evaluationOver("org_mix", Workloads.START, items.subList(0, 600), 63, 8192);
        List<UsageEvent> harvest = Workloads.reasoningHarvester("org_mix", Workloads.START, 600, 64, "198.18.5.9");
        PrincipalVerdict mixed = runWith(registered, Workloads.interleave(List.of(cover, harvest)),
                Workloads.selfServe("org_mix", NEW));
        assertThat(mixed.action().affectsCustomer()).isTrue();
    }

    private static PrincipalVerdict runWith(BenchmarkItems benchmarks, List<UsageEvent> events, OrgProfile org) {
        Detector detector = new Detector(DetectorSettings.defaults(), benchmarks);
        detector.addOrg(org);
        events.forEach(detector::accept);
        return detector.verdict(org.orgId()).orElseThrow();
    }

    @Test
    void enterpriseEvaluationRunIsNotAffected() {
        PrincipalVerdict verdict = run(Workloads.evaluationRun("org_e", Workloads.START, 1319, 9),
                Workloads.enterprise("org_e"));
        assertThat(verdict.action()).isIn(Action.NONE, Action.FLAG, Action.REVIEW);
    }
}
