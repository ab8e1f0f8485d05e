package dev.moat.detect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The ordinary newcomers of the {@code newcomers} set, written without reading the detector: accounts that sign up
 * during the period (or a few days before it) and do what new customers do in their first days — try the API once and
 * leave, build a hackathon demo, do homework, wire a prototype, run a small experiment on credits, set up a shop's
 * chatbot on a trial.
 *
 * <p>Every newcomer signs up on its own: its sign-up time is drawn uniformly from its kind's window, independently of
 * every other, so the sign-ups of a kind — and of all the kinds together — are a Poisson stream with no waves. Each
 * has its own card, its own e-mail address (free mail, a university's or its company's) and signs up from its own
 * home connection or, for some developers, from a cloud machine; none sends a request before it signed up.
 */
final class NewcomerPlans extends PlanningBlocks {

    /** Clients a developer tries an API with first: the quick-start's SDKs, curl and API testing tools. */
    static final List<String> TRYOUT_AGENTS = List.of("curl/8.5.0", "curl/8.7.1", "python-requests/2.32.3",
            "openai-python/1.54.4", "anthropic-sdk-python/0.39.0", "OpenAI/NodeJS/4.67.3", "PostmanRuntime/7.42.0",
            "insomnia/10.1.1");
    /** What a shop's website sends its chatbot's requests with: a plug-in's HTTP client. */
    static final List<String> PLUGIN_AGENTS = List.of("GuzzleHttp/7.8.1", "WordPress/6.6.2", "axios/1.7.7",
            "Go-http-client/2.0");
    /** How many days before the period the earliest newcomers of most kinds signed up. */
    static final int LEAD_DAYS = 3;

    NewcomerPlans(PlanningState state) {
        super(state);
    }

    /**
     * A developer trying the API once: signs up during the period (free, trial, developer or self-serve; two-thirds on
     * free mail), and 1–30 minutes later sends one sitting of 10–60 requests from where they signed up — home, or a
     * sixth of them a cloud machine — 15–75 seconds apart (a few seconds for a retry), with a quick-start client:
     * a greeting, then chat and programming questions, some re-sent with other parameters, any budget up to 32,000
     * tokens. Then never again.
     */
    void apiTryout() {
        String country = TrafficNetworks.customerCountry(random);
        long created = signUp(0);
        String tier = oneOf(List.of("free", "trial", "developer", "self-serve"));
        String domain = random.nextInt(3) < 2 ? oneOf(FREE_MAIL) : companyDomain(country);
        boolean cloud = random.nextInt(6) == 0;
        TrafficOrigin.Address desk = TrafficOrigin.addresses(cloud ? TrafficNetworks.hosting(country, random)
                : TrafficNetworks.residential(country, random), 1, random).getFirst();
        String orgId = newcomerOrg(ScenarioKind.API_TRYOUT, created, country, tier, domain, desk.ip());
        TrafficSource.Client client = client(orgId, oneOf(TRYOUT_AGENTS));
        long from = created + (1 + random.nextInt(30)) * TrafficCadence.MINUTE;
        int requests = 10 + random.nextInt(51);
        double think = 15_000 + random.nextInt(60_000);
        TrafficTryout content = new TrafficTryout(prompts, random.nextInt(10) < 7, 0.7 * random.nextDouble(),
                oneOf(TrafficTryout.budgets()));
        add(client, TrafficOrigin.of(List.of(desk)), new TrafficCadence.Sitting(from, requests, think), content,
                new TrafficKeyLimit(20), Optional.empty());
    }

    /**
     * A hackathon team of 2–5 (trial, free or hackathon credits on the programme tier; free mail or a university's
     * address) that signs up and builds a demo in the next 24–48 hours: one key in the team's repository, each member
     * testing the app from the venue's network (a /24 of its own) or from home, in bursts of 2–13 requests seconds
     * apart through the idea's one template and system prompt, through the day and late into the night. At the demo
     * the project ends, and the key falls silent.
     */
    void hackathonTeam() {
        String country = TrafficNetworks.customerCountry(random);
        long created = signUp(LEAD_DAYS);
        String tier = oneOf(List.of("trial", "free", "programme"));
        String domain = random.nextBoolean() ? oneOf(FREE_MAIL) : universityDomain(country);
        List<TrafficOrigin.Address> venue = TrafficOrigin.addresses(
                TrafficNetworks.residential(country, random).narrow(random), 1 + random.nextInt(2), random);
        String orgId = newcomerOrg(ScenarioKind.HACKATHON_TEAM, created, country, tier, domain, venue.getFirst().ip());
        long hackStart = created + random.nextLong(6 * TrafficCadence.HOUR);
        long demo = hackStart + (24 + random.nextInt(25)) * TrafficCadence.HOUR;
        String app = capitalised(word());
        int idea = random.nextInt(TrafficHackathon.ideas());
        int maxTokens = oneOf(List.of(300, 512, 1_024, 2_048));
        OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.7);
        TrafficKeyLimit limit = new TrafficKeyLimit(oneOf(List.of(20, 60)));
        TrafficSource.Client key = client(orgId, oneOf(SCRIPT_AGENTS)); // one key and one app, run on every laptop
        for (int m = 0, members = 2 + random.nextInt(4); m < members; m++) {
            TrafficOrigin origin = new TrafficOrigin(venue,
                    TrafficOrigin.addresses(TrafficNetworks.residential(country, random), 1, random), 0.25);
            // hackers keep late hours: the working-day curve four hours later (busiest 13:00-22:00)
            TrafficCadence cadence = new TrafficCadence.Starting(hackStart, new TrafficCadence.Sessions(demo,
                    0.6 + 1.4 * random.nextDouble(), 4_000 + random.nextInt(16_000), offset(country) - 4));
            add(key, origin, cadence,
                    new TrafficHackathon(prompts, app, idea, maxTokens, temperature), limit, Optional.empty());
        }
    }

    /**
     * A student doing homework or revising for an exam (free tier, or student credits on the programme tier; half on a
     * university address) in a chat client on their own key, from home and now and then from campus: in the evening
     * (the working-day curve six hours later), 0.3–1 sessions an hour at the busiest, maths word problems, programming
     * and general questions, often asking to be taken through it step by step, with follow-ups; a quarter switch
     * thinking on. Three in five revise for an exam 2–9 days after signing up and stop after it.
     */
    void studentRevision() {
        String country = TrafficNetworks.customerCountry(random);
        long created = signUp(LEAD_DAYS);
        String tier = random.nextBoolean() ? "free" : "programme";
        String domain = random.nextBoolean() ? universityDomain(country) : oneOf(FREE_MAIL);
        TrafficOrigin.Address home = TrafficOrigin.addresses(TrafficNetworks.residential(country, random), 1, random)
                .getFirst();
        String orgId = newcomerOrg(ScenarioKind.STUDENT_REVISION, created, country, tier, domain, home.ip());
        TrafficOrigin origin = new TrafficOrigin(List.of(home),
                TrafficOrigin.addresses(TrafficNetworks.residential(country, random).narrow(random), 1, random),
                0.1 + 0.3 * random.nextDouble());
        long until = random.nextInt(5) < 3 ? created + (2 + random.nextInt(8)) * DAY : end;
        double maths = 0.2 + 0.5 * random.nextDouble();
        double coding = (1 - maths) * 0.7 * random.nextDouble();
        TrafficRevision content = new TrafficRevision(prompts, maths, coding, oneOf(List.of(0, 0, 1_024, 2_048, 4_096)),
                random.nextInt(4) == 0);
        TrafficCadence cadence = new TrafficCadence.Starting(created, new TrafficCadence.Sessions(Math.min(until, end),
                0.3 + 0.7 * random.nextDouble(), 40_000 + random.nextInt(80_000), offset(country) - 6));
        add(client(orgId, oneOf(CHAT_AGENTS)), origin, cadence, content, new TrafficKeyLimit(20), Optional.empty());
    }

    /**
     * A start-up wiring the API into its prototype (self-serve, developer, or a start-up programme; mostly its company
     * address): its product's system prompt over 3–12 of its own documents. One to three founders test it from home
     * in working-day sessions on a development key; 12–48 hours after sign-up the prototype goes live on its cloud
     * servers with a second key, at 2–10 requests per working hour growing 30–90 % a day; and once, 6–72 hours after
     * sign-up, a founder runs a small evaluation of 50–300 of its users' questions, single-turn under the product's
     * system prompt, with a budget of 8,000–32,000 tokens (thinking on for half), at 5–30 a minute.
     */
    void startupPrototype() {
        String country = TrafficNetworks.customerCountry(random);
        long created = signUp(LEAD_DAYS);
        String tier = oneOf(List.of("self-serve", "developer", "programme"));
        String domain = random.nextInt(5) < 4 ? companyDomain(country) : oneOf(FREE_MAIL);
        List<TrafficOrigin.Address> homes = TrafficOrigin.addresses(TrafficNetworks.residential(country, random),
                1 + random.nextInt(3), random);
        String orgId = newcomerOrg(ScenarioKind.STARTUP_PROTOTYPE, created, country, tier, domain,
                homes.getFirst().ip());
        String product = capitalised(word());
        TrafficPrototype prototype = new TrafficPrototype(prompts, product, 3 + random.nextInt(10),
                oneOf(List.of(512, 1_024, 2_048)), random.nextBoolean() ? OptionalDouble.of(0.3) : OptionalDouble.empty(),
                random);
        TrafficSource.Client development = client(orgId, oneOf(SDK_AGENTS));
        TrafficKeyLimit developmentLimit = new TrafficKeyLimit(60);
        for (TrafficOrigin.Address founder : homes) {
            add(development, TrafficOrigin.of(List.of(founder)), new TrafficCadence.Starting(created,
                            new TrafficCadence.Sessions(end, 0.3 + 0.5 * random.nextDouble(),
                                    20_000 + random.nextInt(40_000), offset(country))),
                    prototype, developmentLimit, Optional.empty());
        }
        long launch = created + (12 + random.nextInt(37)) * TrafficCadence.HOUR;
        add(client(orgId, development.userAgent()), servers(country, 1, 2), new TrafficCadence.Growing(launch, end,
                        2 + 8 * random.nextDouble(), 1.3 + 0.6 * random.nextDouble(), offset(country)),
                prototype, new TrafficKeyLimit(300), Optional.empty());
        List<PromptSource.Prompt> questions = TrafficPromptSuite.sample(prompts,
                List.of(PromptSource.Pool.CHAT, PromptSource.Pool.DIALOGUE), 50 + random.nextInt(251), random);
        TrafficPromptSuite evaluation = new TrafficPromptSuite(questions, Optional.of(prototype.system()), 0,
                oneOf(List.of(8_000, 16_000, 32_000)), OptionalDouble.of(0.0), random.nextBoolean());
        double perMinute = 5 + random.nextInt(26);
        long from = created + (6 + random.nextInt(67)) * TrafficCadence.HOUR;
        addPass(development, TrafficOrigin.of(List.of(homes.getFirst())), from, perMinute, evaluation, developmentLimit);
    }

    /**
     * A student or researcher on a credits programme (or the free tier; mostly a university address) running a small
     * benchmark-style experiment: 100–500 questions (a sample of GSM8K's test split, of human-written instructions, or
     * of both with programming questions) in one format of their own, single-turn, each configuration a pass at 5–40 a
     * minute from a notebook in the cloud or from home — one to three configurations, one after another with a pause
     * of 1–12 hours, each with its own large budget (4,096–32,000 tokens), thinking and temperature.
     */
    void creditsExperiment() {
        String country = TrafficNetworks.customerCountry(random);
        long created = signUp(LEAD_DAYS);
        String tier = random.nextInt(10) < 7 ? "programme" : "free";
        String domain = random.nextInt(10) < 7 ? universityDomain(country) : oneOf(FREE_MAIL);
        boolean notebook = random.nextBoolean();
        TrafficOrigin.Address home = TrafficOrigin.addresses(TrafficNetworks.residential(country, random), 1, random)
                .getFirst();
        String orgId = newcomerOrg(ScenarioKind.CREDITS_EXPERIMENT, created, country, tier, domain, home.ip());
        TrafficOrigin origin = notebook ? TrafficOrigin.of(TrafficOrigin.addresses(
                TrafficNetworks.hosting(oneOf(List.of(country, "US")), random), 1, random)) : TrafficOrigin.of(List.of(home));
        List<PromptSource.Pool> pools = oneOf(List.of(List.of(PromptSource.Pool.EVALUATION),
                List.of(PromptSource.Pool.CHAT), List.of(PromptSource.Pool.EVALUATION, PromptSource.Pool.CODING)));
        List<PromptSource.Prompt> items = TrafficPromptSuite.sample(prompts, pools, 100 + random.nextInt(401), random);
        int format = random.nextInt(TrafficPromptSuite.formats());
        TrafficSource.Client client = client(orgId, oneOf(SCRIPT_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(60);
        long from = created + (2 + random.nextInt(46)) * TrafficCadence.HOUR;
        for (int c = 0, configurations = 1 + random.nextInt(3); c < configurations; c++) {
            TrafficPromptSuite pass = new TrafficPromptSuite(items, Optional.empty(), format,
                    oneOf(List.of(4_096, 8_192, 16_000, 32_000)), oneOf(List.of(OptionalDouble.of(0.0),
                    OptionalDouble.of(0.7), OptionalDouble.empty())), random.nextBoolean());
            double perMinute = 5 + random.nextInt(36);
            addPass(client, origin, from, perMinute, pass, limit);
            // the next configuration after this pass (its nominal length, a fifth more for pauses) and a break
            from += (long) (1.2 * items.size() * TrafficCadence.MINUTE / perMinute)
                    + (1 + random.nextInt(12)) * TrafficCadence.HOUR;
        }
    }

    /**
     * A small online shop setting up a chatbot on a trial (a fifth on self-serve; its own domain or free mail): within
     * three hours of signing up its owner tests the bot from home in one sitting of 20–60 questions, and 3–27 hours
     * after sign-up it goes live on the shop's website, from its web host with a plug-in's client: its visitors' few
     * words about stock, delivery and returns, 1–10 conversations per working hour at the busiest, following the
     * shop's day.
     */
    void shopChatbot() {
        String country = TrafficNetworks.customerCountry(random);
        long created = signUp(LEAD_DAYS);
        String tier = random.nextInt(5) < 4 ? "trial" : "self-serve";
        String domain = random.nextInt(5) < 3 ? companyDomain(country) : oneOf(FREE_MAIL);
        TrafficOrigin.Address home = TrafficOrigin.addresses(TrafficNetworks.residential(country, random), 1, random)
                .getFirst();
        String orgId = newcomerOrg(ScenarioKind.SHOP_CHATBOT, created, country, tier, domain, home.ip());
        String name = capitalised(word()) + " " + oneOf(List.of("Studio", "& Co", "Shop", "Goods", "Corner", "House"));
        TrafficShopChat.Shop shop = TrafficShopChat.shop(name, random);
        int maxTokens = oneOf(List.of(200, 300, 500));
        OptionalDouble temperature = random.nextBoolean() ? OptionalDouble.of(0.5) : OptionalDouble.empty();
        TrafficSource.Client plugin = client(orgId, oneOf(PLUGIN_AGENTS));
        TrafficKeyLimit limit = new TrafficKeyLimit(20);
        long testing = created + (10 + random.nextInt(170)) * TrafficCadence.MINUTE;
        add(plugin, TrafficOrigin.of(List.of(home)), new TrafficCadence.Sitting(testing, 20 + random.nextInt(41),
                15_000 + random.nextInt(25_000)), new TrafficShopChat(prompts, shop, maxTokens, temperature), limit,
                Optional.empty());
        long live = created + (3 + random.nextInt(25)) * TrafficCadence.HOUR;
        add(plugin, servers(country, 1, 1), new TrafficCadence.Starting(live, new TrafficCadence.Diurnal(end,
                        1 + 9 * random.nextDouble(), offset(country))),
                new TrafficShopChat(prompts, shop, maxTokens, temperature), limit, Optional.empty());
    }

    /**
     * A sign-up time drawn uniformly from {@code leadDays} before the period to its end: drawn independently for every
     * newcomer, so the sign-ups together are a Poisson stream through the period, one at a time.
     */
    private long signUp(int leadDays) {
        long from = start - leadDays * DAY;
        return from + random.nextLong(end - from);
    }

    /** A new ordinary organisation signed up at {@code created} from {@code signupIp}, with a card of its own. */
    private String newcomerOrg(ScenarioKind kind, long created, String country, String tier, String domain,
                               String signupIp) {
        String orgId = id("org_");
        orgs.add(new SimulatedOrg(profile(orgId, created, country, tier, domain, payment(), signupIp), kind,
                Optional.empty(), false));
        return orgId;
    }

    /** A university's e-mail domain in {@code country}. */
    private String universityDomain(String country) {
        return switch (country) {
            case "US" -> word() + ".edu";
            case "GB" -> word() + ".ac.uk";
            case "AU" -> word() + ".edu.au";
            case "IN" -> word() + ".ac.in";
            case "JP" -> word() + ".ac.jp";
            case "KR" -> word() + ".ac.kr";
            case "BR" -> word() + ".edu.br";
            default -> "uni-" + word() + "." + country.toLowerCase(Locale.ROOT);
        };
    }

    /**
     * One pass over {@code suite}'s questions at about {@code perMinute} from {@code from}, as a script in a loop sends
     * it: exactly one request per question (unless the period ends first), whatever its pauses. A pass begun before
     * the period is left out: its requests were sent before the traffic begins, and the rest of a pass still under way
     * would otherwise be sent again from its first question at the period's start.
     */
    private void addPass(TrafficSource.Client client, TrafficOrigin origin, long from, double perMinute,
                         TrafficPromptSuite suite, TrafficKeyLimit limit) {
        if (from >= start) {
            add(client, origin, new TrafficCadence.Counted(new TrafficCadence.Steady(from, end, perMinute, 0.3, 0.005),
                    suite.size()), suite, limit, Optional.empty());
        }
    }
}
