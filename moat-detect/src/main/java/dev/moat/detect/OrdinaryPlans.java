package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ordinary organisations of the benchmark: chat teams and chat apps, nightly batch jobs, RAG apps, coding agents
 * and evaluation runs. They include the hard cases on purpose: teams on free-mail domains, apps that relay many end
 * users from a hosting network, nightly batch jobs with one template, evaluation runs that ask for step-by-step
 * reasoning over a maths benchmark, agents with many similar requests.
 */
final class OrdinaryPlans extends PlanningBlocks {

    OrdinaryPlans(PlanningState state) {
        super(state);
    }

    void chat() {
        String country = TrafficNetworks.customerCountry(random);
        if (random.nextInt(3) == 0) {
            chatApp(country);
            return;
        }
        boolean selfServe = random.nextBoolean();
        String domain = selfServe && random.nextInt(10) < 6 ? oneOf(FREE_MAIL) : companyDomain(country);
        String orgId = ordinaryOrg(ScenarioKind.CHAT, country, selfServe ? "self-serve" : "standard", domain);
        TrafficNetworks.Block office = TrafficNetworks.residential(country, random).narrow(random);
        List<TrafficOrigin.Address> officeAddresses = TrafficOrigin.addresses(office, 1 + random.nextInt(2), random);
        int users = 1 + random.nextInt(12);
        // some teams work from home through a corporate VPN: ordinary traffic from VPN exits
        boolean corporateVpn = random.nextInt(12) == 0;
        for (int u = 0; u < users; u++) {
            List<TrafficOrigin.Address> home = TrafficOrigin.addresses(corporateVpn ? TrafficNetworks.vpn(random)
                    : TrafficNetworks.residential(country, random), 1, random);
            TrafficOrigin origin = new TrafficOrigin(officeAddresses, home, 0.1 + 0.4 * random.nextDouble());
            TrafficSource.Client client = client(orgId, oneOf(CHAT_AGENTS));
            TrafficCadence cadence = new TrafficCadence.Sessions(end, 0.2 + 0.5 * random.nextDouble(),
                    40_000 + random.nextInt(60_000), offset(country));
            add(client, origin, cadence, conversation(Optional.empty()), new TrafficKeyLimit(selfServe ? 20 : 60),
                    Optional.empty());
        }
    }

    /** An app relaying its end users' chats through one key from its servers. */
    private void chatApp(String country) {
        String orgId = ordinaryOrg(ScenarioKind.CHAT, country, random.nextBoolean() ? "standard" : "enterprise",
                companyDomain(country));
        TrafficOrigin backend = servers(country, 2, 3);
        TrafficSource.Client client = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(1_000);
        Optional<String> system = Optional.of("You are the friendly assistant inside the "
                + capitalised(word()) + " app. Keep answers concise and helpful.");
        int endUsers = 60 + random.nextInt(300);
        for (int u = 0; u < endUsers; u++) {
            String userCountry = random.nextInt(3) == 0 ? TrafficNetworks.customerCountry(random) : country;
            TrafficCadence cadence = new TrafficCadence.Sessions(end, 0.1 + 0.3 * random.nextDouble(),
                    30_000 + random.nextInt(40_000), offset(userCountry));
            add(client, backend, cadence, conversation(system), limit, Optional.empty());
        }
    }

    void batch() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.BATCH, country, random.nextBoolean() ? "enterprise" : "standard",
                companyDomain(country));
        TrafficOrigin origin = servers(country, 1, 3);
        int jobs = 1 + random.nextInt(2);
        for (int j = 0; j < jobs; j++) {
            TrafficCadence cadence = new TrafficCadence.DailyRun(end, random.nextInt(24), 150 + random.nextInt(1_200),
                    20 + random.nextInt(100));
            add(client(orgId, oneOf(JOB_AGENTS)), origin, cadence, new TrafficBatchJob(prompts, random),
                    new TrafficKeyLimit(600), Optional.empty());
        }
    }

    void rag() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.RAG, country, random.nextBoolean() ? "enterprise" : "standard",
                companyDomain(country));
        TrafficOrigin origin = servers(country, 1, 2);
        TrafficCadence cadence = new TrafficCadence.Diurnal(end, 30 + random.nextInt(170), offset(country));
        add(client(orgId, oneOf(SDK_AGENTS)), origin, cadence, new TrafficRetrieval(prompts, random),
                new TrafficKeyLimit(600), Optional.empty());
    }

    void codingAgent() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.CODING_AGENT, country, random.nextBoolean() ? "self-serve" : "standard",
                companyDomain(country));
        List<TrafficOrigin.Address> office = TrafficOrigin.addresses(
                TrafficNetworks.residential(country, random).narrow(random), 1, random);
        int developers = 2 + random.nextInt(11);
        for (int d = 0; d < developers; d++) {
            TrafficOrigin origin = new TrafficOrigin(office,
                    TrafficOrigin.addresses(TrafficNetworks.residential(country, random), 1, random), 0.3);
            TrafficCadence cadence = new TrafficCadence.Sessions(end, 0.25 + 0.35 * random.nextDouble(),
                    4_000 + random.nextInt(8_000), offset(country));
            add(client(orgId, oneOf(CODING_AGENTS)), origin, cadence, new TrafficCodingAgent(prompts, random),
                    new TrafficKeyLimit(120), Optional.empty());
        }
    }

    /**
     * A research team or a start-up (standard or self-serve) evaluating models on GSM8K's test split from one or
     * two servers: one to three passes at 30–150 items a minute, each pass with its own chain-of-thought template,
     * a budget of 2,048–8,192 tokens and, on reasoning models, thinking.
     */
    void evalSweep() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.EVAL_SWEEP, country, random.nextBoolean() ? "standard" : "self-serve",
                companyDomain(country));
        evaluationPasses(orgId, country, () -> new TrafficEvaluation(prompts, random,
                List.of(2_048, 4_096, 8_192).get(random.nextInt(3)), random.nextBoolean()));
    }

    void evalRun() {
        String country = TrafficNetworks.customerCountry(random);
        String orgId = ordinaryOrg(ScenarioKind.EVAL_RUN, country, random.nextBoolean() ? "enterprise" : "partner",
                companyDomain(country));
        evaluationPasses(orgId, country, () -> new TrafficEvaluation(prompts, random));
    }

    /** One to three passes over the benchmark, each made by {@code pass}, at 30–150 items a minute from servers. */
    private void evaluationPasses(String orgId, String country, Supplier<TrafficEvaluation> pass) {
        TrafficOrigin origin = TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(country, random), 1 + random.nextInt(2), random));
        TrafficSource.Client client = client(orgId, oneOf(JOB_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(2_000);
        int runs = 1 + random.nextInt(3);
        for (int r = 0; r < runs; r++) {
            TrafficEvaluation evaluation = pass.get();
            double perMinute = 30 + random.nextInt(120);
            add(client, origin, burst(perMinute, evaluation.itemsPerRun(), 0.15, 0), evaluation, limit,
                    Optional.empty());
        }
    }
}
