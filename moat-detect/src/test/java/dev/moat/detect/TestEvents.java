package dev.moat.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Builds hand-made usage events for detector tests. */
final class TestEvents {

    private static long counter;

    private String id;
    private Instant ts = Instant.parse("2026-11-01T00:00:00Z");
    private String org = "org_a";
    private String account = "acct_a";
    private String key = "key_a";
    private String ip = "198.51.100.7";
    private String network = "residential";
    private String userAgent = "openai-python/1.54.0";
    private String system;
    private final List<UsageEvent.Message> messages = new ArrayList<>();
    private int maxTokens = 1024;
    private double temperature = 0.7;
    private int n = 1;
    private boolean logprobs;
    private int topLogprobs;
    private int logitBias;
    private int tools;
    private boolean thinking;
    private String answer = "Here is the answer.";
    private long completionTokens = 300;
    private long promptTokens = 50;
    private int status = 200;

    static TestEvents event(String org, Instant ts) {
        TestEvents e = new TestEvents();
        e.org = org;
        e.account = "acct_" + org;
        e.key = "key_" + org;
        e.ts = ts;
        e.id = "evt_" + (++counter);
        return e;
    }

    TestEvents id(String value) { id = value; return this; }
    TestEvents key(String value) { key = value; return this; }
    TestEvents ip(String value) { ip = value; return this; }
    TestEvents network(String value) { network = value; return this; }
    TestEvents userAgent(String value) { userAgent = value; return this; }
    TestEvents system(String value) { system = value; return this; }
    TestEvents user(String text) { messages.add(new UsageEvent.Message("user", text)); return this; }
    TestEvents assistant(String text) { messages.add(new UsageEvent.Message("assistant", text)); return this; }
    TestEvents maxTokens(int value) { maxTokens = value; return this; }
    TestEvents choices(int value) { n = value; return this; }
    TestEvents temperature(double value) { temperature = value; return this; }
    TestEvents logprobs(int top) { logprobs = true; topLogprobs = top; return this; }
    TestEvents logitBias(int size) { logitBias = size; return this; }
    TestEvents tools(int value) { tools = value; return this; }
    TestEvents thinking() { thinking = true; return this; }
    TestEvents answer(String value) { answer = value; return this; }
    TestEvents status(int value) { status = value; return this; }
    TestEvents completionTokens(long value) { completionTokens = value; return this; }
    TestEvents promptTokens(long value) { promptTokens = value; return this; }

    UsageEvent build() {
        RequestSummary request = new RequestSummary(Optional.ofNullable(system), messages, messages.size(), maxTokens,
                OptionalDouble.of(temperature), n, false, logprobs, topLogprobs, logitBias, tools, thinking);
        ResponseSummary response = new ResponseSummary(status, Optional.ofNullable(answer), promptTokens, completionTokens,
                thinking ? 200 : 0, Optional.of("stop"));
        return new UsageEvent(id, ts, org, account, key, ip, "US", network, userAgent, "openai", "model-a",
                request, response, Decision.ALLOW, 500);
    }
}
