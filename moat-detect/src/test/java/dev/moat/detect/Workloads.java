package dev.moat.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hand-written workloads for detector tests: ordinary customers (including the hard ones) and
 * harvesting behaviours, with text written here so the tests do not depend on the simulator's corpora.
 */
final class Workloads {

    static final Instant START = Instant.parse("2026-11-02T08:00:00Z");

    private static final String[] NAMES = {"Maria", "Tom", "Aiko", "Raj", "Lena", "Omar", "Sofia", "Chen", "Ivan",
            "Grace", "Pedro", "Nia"};
    private static final String[] THINGS = {"apples", "marbles", "books", "stickers", "cookies", "pencils", "coins",
            "tickets", "shells", "cards"};
    private static final String[] CHAT = {
            "Can you help me write a birthday message for my sister who just moved to Berlin?",
            "What's a good way to keep basil alive on a windowsill in winter?",
            "Explain the difference between a Roth IRA and a traditional IRA in plain words.",
            "My cat keeps scratching the sofa, any ideas that don't involve declawing?",
            "Suggest a three-day itinerary for Lisbon with a toddler.",
            "How do I politely decline a meeting invitation from my manager's manager?",
            "Translate 'where is the train station' into Portuguese and Italian.",
            "Give me five dinner ideas with chickpeas and spinach.",
            "Why does my sourdough come out so dense?",
            "Summarise the plot of Middlemarch without spoilers for the ending.",
            "What should I look for when buying a used road bike?",
            "Draft a short complaint to my landlord about the broken heating.",
            "Is it safe to run every day if my knees hurt a bit?",
            "Recommend some podcasts about the history of science.",
            "How can I explain fractions to a seven year old?",
            "Write a haiku about the first snow in the city.",
            "What are the pros and cons of heat pumps for an old house?",
            "Help me plan a weekly budget on 2400 a month with rent at 1100.",
            "Which houseplants are safe for dogs?",
            "I have an interview for a junior analyst role tomorrow, what questions should I prepare for?",
            "Rewrite this sentence to sound friendlier: please send the report asap.",
            "What's the difference between baking soda and baking powder?",
            "Tell me a fun fact about octopuses.",
            "How long should I steep green tea?",
            "Can you proofread my cover letter opening: I am writing to apply for the role of designer."};
    private static final String[] FOLLOW_UPS = {"Thanks! Can you make it shorter?", "What about in summer?",
            "Could you give an example?", "And if I only have an hour?", "Great, make it more formal please."};
    private static final String[] TICKET_WORDS = {"invoice", "charged twice", "password reset", "login fails",
            "export to csv", "refund", "upgrade plan", "api timeout", "cannot upload", "delete my account",
            "wrong address", "dark mode", "slow dashboard", "two factor", "card declined"};

    private Workloads() {
    }

    /** One of the everyday chat requests people send. */
    static String chatPrompt(Random rng) {
        return CHAT[rng.nextInt(CHAT.length)];
    }

    static String mathProblem(Random rng) {
        String name = NAMES[rng.nextInt(NAMES.length)];
        String other = NAMES[rng.nextInt(NAMES.length)];
        String thing = THINGS[rng.nextInt(THINGS.length)];
        int a = 3 + rng.nextInt(90);
        int b = 2 + rng.nextInt(12);
        int c = 1 + rng.nextInt(20);
        return switch (rng.nextInt(4)) {
            case 0 -> name + " has " + a + " " + thing + ". " + other + " gives " + name + " " + b
                    + " times as many, then " + name + " loses " + c + ". How many " + thing + " are left?";
            case 1 -> "A shop sells " + thing + " at $" + b + " each. " + name + " buys " + a + " and pays with a $"
                    + (a * b + c) + " bill. How much change does " + name + " get?";
            case 2 -> name + " reads " + b + " pages every hour for " + c + " hours a day. How many days to finish a "
                    + (a * 10) + " page book?";
            default -> "The ratio of " + thing + " to boxes is " + b + " to " + c + ". If there are " + a
                    + " boxes, what is the total number of " + thing + " together with the boxes?";
        };
    }

    /** A bold reasoning harvester: one template, chain-of-thought coercion, full budgets, around the clock. */
    static List<UsageEvent> reasoningHarvester(String org, Instant start, int count, long seed, String ip) {
        Random rng = new Random(seed);
        List<UsageEvent> events = new ArrayList<>();
        Instant ts = start;
        for (int i = 0; i < count; i++) {
            ts = ts.plusMillis(8_000 + rng.nextInt(4_000));
            events.add(TestEvents.event(org, ts).ip(ip).network("hosting").userAgent("python-requests/2.32")
                    .user("Solve the following problem. Think step by step and show every intermediate step of your "
                            + "reasoning before giving the final answer.\n\nProblem: " + mathProblem(rng))
                    .maxTokens(8192).thinking().completionTokens(900 + rng.nextInt(2_000)).build());
        }
        return events;
    }

    /** A model-as-grader harvester: rubric scoring of candidate responses. */
    static List<UsageEvent> graderHarvester(String org, Instant start, int count, long seed) {
        Random rng = new Random(seed);
        List<UsageEvent> events = new ArrayList<>();
        Instant ts = start;
        for (int i = 0; i < count; i++) {
            ts = ts.plusMillis(5_000 + rng.nextInt(5_000));
            events.add(TestEvents.event(org, ts).ip("203.0.113." + (10 + rng.nextInt(3))).network("hosting")
                    .user("You are a reward model. Rate the response below on a scale of 1 to 10 for correctness "
                            + "and helpfulness and output a score.\n\nQuestion: " + mathProblem(rng)
                            + "\n\nResponse: The answer is " + rng.nextInt(500) + ".")
                    .maxTokens(4096).build());
        }
        return events;
    }

    /** Logit-bias extraction: one prompt, a large bias map, logprobs, one-token completions. */
    static List<UsageEvent> logitProber(String org, Instant start, int count) {
        List<UsageEvent> events = new ArrayList<>();
        Instant ts = start;
        for (int i = 0; i < count; i++) {
            ts = ts.plusMillis(1_500);
            events.add(TestEvents.event(org, ts).ip("192.0.2.50").network("hosting")
                    .user("The capital of France is").maxTokens(1).logprobs(20).logitBias(300 + (i % 7)).build());
        }
        return events;
    }

    /** An ordinary chat product's users: varied prompts, multi-turn, daytime, bursty. */
    static List<UsageEvent> chatUsers(String org, Instant start, int count, long seed) {
        Random rng = new Random(seed);
        List<UsageEvent> events = new ArrayList<>();
        Instant ts = start;
        for (int i = 0; i < count; i++) {
            ts = ts.plusSeconds(rng.nextInt(10) < 7 ? 5 + rng.nextInt(60) : 600 + rng.nextInt(3_000));
            int hour = (int) ((ts.getEpochSecond() / 3600) % 24);
            if (hour < 8 || hour > 22) {
                ts = ts.plus(Duration.ofHours(9));
            }
            TestEvents e = TestEvents.event(org, ts).ip("100.64." + rng.nextInt(40) + "." + rng.nextInt(250))
                    .userAgent("Mozilla/5.0 chat-web").maxTokens(rng.nextBoolean() ? 1024 : 0);
            String first = CHAT[rng.nextInt(CHAT.length)];
            e.user(first);
            if (rng.nextInt(3) > 0) {
                e.assistant("Sure, here are some ideas.").user(FOLLOW_UPS[rng.nextInt(FOLLOW_UPS.length)]);
            }
            events.add(e.build());
        }
        return events;
    }

    /** An enterprise batch job: one fixed template and system prompt, a diverse payload, machine cadence. */
    static List<UsageEvent> batchJob(String org, Instant start, int count, long seed) {
        Random rng = new Random(seed);
        List<UsageEvent> events = new ArrayList<>();
        Instant ts = start;
        String system = "You are the ticket triage assistant of Northwind Support. Classify each customer ticket "
                + "into exactly one category: billing, technical, account or other. Reply only with JSON of the "
                + "form {\"category\": ..., \"urgency\": 1-5}.";
        for (int i = 0; i < count; i++) {
            ts = ts.plusSeconds(3);
            String ticket = TICKET_WORDS[rng.nextInt(TICKET_WORDS.length)] + " since " + (1 + rng.nextInt(28))
                    + " November, customer " + NAMES[rng.nextInt(NAMES.length)] + " says "
                    + TICKET_WORDS[rng.nextInt(TICKET_WORDS.length)] + " and " + TICKET_WORDS[rng.nextInt(TICKET_WORDS.length)];
            events.add(TestEvents.event(org, ts).ip("198.18.0.20").network("hosting").userAgent("northwind-batch/3.1")
                    .system(system).user("Ticket " + (100_000 + i) + ":\n" + ticket).maxTokens(200).build());
        }
        return events;
    }

    /** A coding agent: long shared system prompt that asks to think step by step, many tool-use turns. */
    static List<UsageEvent> codingAgent(String org, Instant start, int count, long seed) {
        Random rng = new Random(seed);
        List<UsageEvent> events = new ArrayList<>();
        Instant ts = start;
        String system = "You are an autonomous software engineering agent working inside the user's repository. "
                + "Think step by step before every tool call, read files before editing them, run the tests after "
                + "each change and explain your reasoning briefly. Never invent file contents.";
        for (int i = 0; i < count; i++) {
            ts = ts.plusSeconds(2 + rng.nextInt(20));
            TestEvents e = TestEvents.event(org, ts).ip("198.51.100." + (20 + rng.nextInt(3))).userAgent("agent-cli/0.9")
                    .system(system).tools(14).maxTokens(8192).thinking();
            e.user("Fix the failing test in module " + rng.nextInt(40));
            for (int turn = 0; turn < 2 + rng.nextInt(6); turn++) {
                e.assistant("Calling read_file").user("tool result: def handler(): return " + rng.nextInt(1000));
            }
            events.add(e.build());
        }
        return events;
    }

    /**
     * A function-calling product: each task opens with the product's tools declared and a user's request. When
     * {@code continuations} is above zero the model answers the opening with a call, and the product sends the
     * tools' results back in 1 to {@code continuations} further requests, the last answered at length. With none,
     * every request is one turn whose long answer (a plan of calls and a reply) is all the sender keeps: tool-use
     * traces bought for training an agent.
     */
    static List<UsageEvent> toolPlanner(String org, Instant start, int count, long seed, int continuations) {
        Random rng = new Random(seed);
        List<UsageEvent> events = new ArrayList<>();
        Instant ts = start;
        String system = "You are the assistant inside Flowdesk, a workflow automation platform. Use the available "
                + "functions to carry out the user's request, then reply with the outcome.";
        while (events.size() < count) {
            ts = ts.plusSeconds(5 + rng.nextInt(30));
            // a user's request in the product's own words: no shared frame, every one distinct
            String task = CHAT[rng.nextInt(CHAT.length)] + " (request " + rng.nextInt(1_000_000) + ") Then: "
                    + CHAT[rng.nextInt(CHAT.length)];
            events.add(TestEvents.event(org, ts).ip("203.0.113." + (40 + rng.nextInt(4))).network("hosting")
                    .userAgent("openai-python/1.54").system(system).tools(3 + rng.nextInt(6)).user(task)
                    .maxTokens(4096).completionTokens(continuations == 0 ? 700 + rng.nextInt(1_500) : 40 + rng.nextInt(160))
                    .build());
            for (int step = 0, steps = continuations == 0 ? 0 : 1 + rng.nextInt(continuations);
                 step < steps && events.size() < count; step++) {
                ts = ts.plusSeconds(1 + rng.nextInt(4));
                TestEvents next = TestEvents.event(org, ts).ip("203.0.113." + (40 + rng.nextInt(4)))
                        .network("hosting").userAgent("openai-python/1.54").system(system).tools(3 + rng.nextInt(6))
                        .user(task);
                for (int turn = 0; turn <= step; turn++) {
                    next.assistant("Calling query_database").user("tool result: " + rng.nextInt(10_000) + " rows");
                }
                boolean last = step == steps - 1;
                events.add(next.maxTokens(4096).completionTokens(last ? 300 + rng.nextInt(1_200) : 40 + rng.nextInt(160))
                        .build());
            }
        }
        return events;
    }

    /**
     * A RAG application whose SDK sets a 4,096-token budget: a few retrieved pages (1,500–3,500 prompt tokens) and a
     * question, answered in 300–900 tokens, around the clock — or, with {@code pages} false, the same answers to the
     * bare questions.
     */
    static List<UsageEvent> ragWithPages(String org, Instant start, int count, long seed, boolean pages) {
        Random rng = new Random(seed);
        List<UsageEvent> events = new ArrayList<>();
        Instant ts = start;
        for (int i = 0; i < count; i++) {
            ts = ts.plusSeconds(10 + rng.nextInt(200));
            String question = CHAT[rng.nextInt(CHAT.length)] + " (case " + rng.nextInt(100_000) + ")";
            TestEvents e = TestEvents.event(org, ts).ip("100.70." + rng.nextInt(10) + ".4").userAgent("langchain/0.3")
                    .system("Answer the question using only the provided context. If the answer is not in the "
                            + "context, say that you do not know. Cite the document ids you used.");
            if (pages) {
                e.user("Context:\n[doc " + rng.nextInt(5000) + "] " + THINGS[rng.nextInt(THINGS.length)] + " policy, "
                        + "section " + rng.nextInt(40) + " …\n\nQuestion: " + question)
                        .promptTokens(1_500 + rng.nextInt(2_000));
            } else {
                e.user(question).promptTokens(40 + rng.nextInt(40));
            }
            events.add(e.maxTokens(4096).completionTokens(300 + rng.nextInt(600)).build());
        }
        return events;
    }

    /** A RAG application: retrieved context plus a question, one fixed frame. */
    static List<UsageEvent> ragApp(String org, Instant start, int count, long seed) {
        Random rng = new Random(seed);
        List<UsageEvent> events = new ArrayList<>();
        Instant ts = start;
        for (int i = 0; i < count; i++) {
            ts = ts.plusSeconds(10 + rng.nextInt(200));
            events.add(TestEvents.event(org, ts).ip("100.70." + rng.nextInt(10) + ".4").userAgent("langchain/0.3")
                    .system("Answer the question using only the provided context. If the answer is not in the "
                            + "context, say that you do not know. Cite the document ids you used.")
                    .user("Context:\n[doc " + rng.nextInt(5000) + "] The warranty covers " + THINGS[rng.nextInt(THINGS.length)]
                            + " for " + (1 + rng.nextInt(5)) + " years.\n[doc " + rng.nextInt(5000) + "] Returns within "
                            + (10 + rng.nextInt(50)) + " days.\n\nQuestion: " + CHAT[rng.nextInt(CHAT.length)])
                    .maxTokens(800).build());
        }
        return events;
    }

    /**
     * A quiet distiller: no telling wording at all, just complete worked solutions bought single-shot at a
     * full budget, around the clock, through the same client and addresses as the app it hides in.
     */
    static List<UsageEvent> quietDistiller(String org, Instant start, int count, long seed) {
        return quietDistiller(org, start, count, seed, 4096);
    }

    /** The quiet distiller with a budget of its choosing: 0 leaves max_tokens unset. */
    static List<UsageEvent> quietDistiller(String org, Instant start, int count, long seed, int maxTokens) {
        Random rng = new Random(seed);
        List<UsageEvent> events = new ArrayList<>();
        Instant ts = start;
        for (int i = 0; i < count; i++) {
            ts = ts.plusSeconds(20 + rng.nextInt(40));
            events.add(TestEvents.event(org, ts).ip("100.64." + rng.nextInt(40) + "." + rng.nextInt(250))
                    .userAgent("Mozilla/5.0 chat-web")
                    .user("Provide a thorough, complete solution to the exercise below, then state the result "
                            + "on its own line.\n\n" + mathProblem(rng))
                    .maxTokens(maxTokens).completionTokens(rng.nextInt(5) == 0 ? 350 : 700 + rng.nextInt(1_800))
                    .build());
        }
        return events;
    }

    /**
     * A busy app relaying its users through one key during their day: mostly conversations; about one
     * request in seven is a first question with a large budget that gets a long answer (essays, plans).
     */
    static List<UsageEvent> appUsers(String org, Instant start, int count, long seed) {
        Random rng = new Random(seed);
        List<UsageEvent> events = new ArrayList<>();
        Instant ts = start;
        for (int i = 0; i < count; i++) {
            ts = ts.plusSeconds(10 + rng.nextInt(50));
            int hour = (int) ((ts.getEpochSecond() / 3600) % 24);
            if (hour < 7 || hour > 22) {
                ts = ts.plus(Duration.ofHours(8));
            }
            TestEvents e = TestEvents.event(org, ts).ip("100.64." + rng.nextInt(40) + "." + rng.nextInt(250))
                    .userAgent("Mozilla/5.0 chat-web").user(CHAT[rng.nextInt(CHAT.length)] + " "
                            + CHAT[rng.nextInt(CHAT.length)] + " " + CHAT[rng.nextInt(CHAT.length)]);
            if (rng.nextInt(7) == 0) {
                e.maxTokens(4096).completionTokens(700 + rng.nextInt(1_200));
            } else if (rng.nextInt(3) > 0) {
                e.assistant("Sure, here are some ideas.").user(FOLLOW_UPS[rng.nextInt(FOLLOW_UPS.length)]);
            }
            events.add(e.build());
        }
        return events;
    }

    /** A benchmark evaluation run: one pass over a maths set with a chain-of-thought prompt, moderate budget. */
    /** The items of a made-up public benchmark: {@code size} word problems. */
    static List<String> benchmark(int size, long seed) {
        Random rng = new Random(seed);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            items.add(mathProblem(rng));
        }
        return items;
    }

    /**
     * An evaluation run over {@code items}, in order, in a chain-of-thought template, with a budget of
     * {@code maxTokens} and thinking on, answered at length: in its events a reasoning-coercion campaign.
     */
    static List<UsageEvent> evaluationOver(String org, Instant start, List<String> items, long seed, int maxTokens) {
        Random rng = new Random(seed);
        List<UsageEvent> events = new ArrayList<>();
        Instant ts = start;
        for (String item : items) {
            ts = ts.plusMillis(700 + rng.nextInt(400));
            events.add(TestEvents.event(org, ts).ip("198.18.5.9").network("hosting").userAgent("lm-eval/0.4")
                    .user("Question: " + item + "\nLet's think step by step. At the end write \"The answer is\" "
                            + "followed by the number.")
                    .maxTokens(maxTokens).thinking().completionTokens(400 + rng.nextInt(1_200)).build());
        }
        return events;
    }

    static List<UsageEvent> evaluationRun(String org, Instant start, int count, long seed) {
        Random rng = new Random(seed);
        List<UsageEvent> events = new ArrayList<>();
        Instant ts = start;
        for (int i = 0; i < count; i++) {
            ts = ts.plusMillis(700 + rng.nextInt(400));
            events.add(TestEvents.event(org, ts).ip("198.18.5.9").network("hosting").userAgent("lm-eval/0.4")
                    .user("Question: " + mathProblem(rng) + "\nLet's think step by step. At the end write "
                            + "\"The answer is\" followed by the number.")
                    .maxTokens(512).build());
        }
        return events;
    }

    /**
     * Ordinary, varied questions, each asking for the top {@code alternatives} log-probabilities of every token of
     * an answer {@code answerTokens} long, through the working day: nothing in the wording or the budgets tells.
     */
    static List<UsageEvent> softLabelReader(String org, Instant start, int count, long seed, int answerTokens) {
        Random rng = new Random(seed);
        List<UsageEvent> events = new ArrayList<>();
        Instant ts = start;
        for (int i = 0; i < count; i++) {
            ts = ts.plusSeconds(20 + rng.nextInt(100));
            String question = CHAT[rng.nextInt(CHAT.length)] + " (" + mathProblem(rng) + ")";
            events.add(TestEvents.event(org, ts).ip("198.51.100.40").user(question).maxTokens(Math.max(1, answerTokens))
                    .logprobs(10).completionTokens(answerTokens).build());
        }
        return events;
    }

    /**
     * An evaluation company grading its clients' chatbot conversations against one rubric, briefly (a JSON
     * score), in office hours, from its cloud servers: the model used as a judge, legitimately.
     */
    static List<UsageEvent> gradingService(String org, Instant start, int days, int perDay, long seed) {
        Random rng = new Random(seed);
        List<UsageEvent> events = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            Instant opening = start.plus(Duration.ofDays(day)).plus(Duration.ofHours(1));
            for (int i = 0; i < perDay; i++) {
                Instant ts = opening.plusMillis((long) i * 8 * 3_600_000 / perDay + rng.nextInt(20_000));
                String conversation = CHAT[rng.nextInt(CHAT.length)];
                events.add(TestEvents.event(org, ts).ip("203.0.113.40").network("hosting")
                        .userAgent("python-httpx/0.27")
                        .user("Grade the assistant's reply below against the rubric (helpfulness, accuracy, tone). "
                                + "Score each from 1 to 5 and return JSON.\n\nUser: " + conversation
                                + "\n\nAssistant reply #" + rng.nextInt(100_000) + ": Sure, here is what I suggest.")
                        .maxTokens(256).answer("{\"helpfulness\": 4, \"accuracy\": 5, \"tone\": 4}")
                        .completionTokens(40 + rng.nextInt(60)).build());
            }
        }
        return events;
    }

    /** An organisation on the "standard" tier, signed up long ago. */
    static OrgProfile standard(String org) {
        return new OrgProfile(org, java.util.Optional.of(Instant.parse("2024-06-01T00:00:00Z")),
                java.util.Optional.of("US"), java.util.Optional.of("standard"), java.util.Optional.empty(),
                java.util.Optional.of(org + ".example.com"), java.util.Optional.empty());
    }

    static OrgProfile selfServe(String org, Instant createdAt) {
        return new OrgProfile(org, java.util.Optional.of(createdAt), java.util.Optional.of("US"),
                java.util.Optional.of("self-serve"), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty());
    }

    static OrgProfile enterprise(String org) {
        return new OrgProfile(org, java.util.Optional.of(Instant.parse("2024-03-01T00:00:00Z")),
                java.util.Optional.of("US"), java.util.Optional.of("enterprise"), java.util.Optional.empty(),
                java.util.Optional.of(org + ".example.org"), java.util.Optional.empty());
    }

    /** Merges event lists by timestamp (stable), as a gateway would record them. */
    static List<UsageEvent> interleave(List<List<UsageEvent>> streams) {
        List<UsageEvent> all = new ArrayList<>();
        streams.forEach(all::addAll);
        all.sort(java.util.Comparator.comparing(UsageEvent::ts));
        return all;
    }
}
