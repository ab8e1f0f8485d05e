package dev.moat.bench;

import dev.moat.detect.UsageEvent;
import dev.moat.detect.UsageEventCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding one usage event as its JSON line ({@link UsageEventCodec#toJson}), which the usage
 * store does for every request on its writer thread: with content (system prompt, two-turn
 * conversation, response text) and without (retention off).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GatewayUsageEventBenchmark {

    static final String EVENT = """
            {"id":"evt_2jf71qz189ptk29s45snv8361e","ts":"2026-11-27T16:00:00.123Z",
             "org_id":"org_3kTMd92jL0QxW7aB","account_id":"acct_9Qm2LxT0aV7cRk1B","key_id":"key_Zp4Yb8Nw2Ls6Hd0F",
             "ip":"203.0.113.7","country":"US","network":"residential","user_agent":"openai-python/1.54.0",
             "api":"openai","model":"model-a",
             "request":{"system":"You are a careful assistant for a networking team. Answer precisely, cite the relevant RFC section when one applies, and keep answers under two hundred words unless the user asks for more detail.",
                        "messages":[{"role":"user","content":"We run an API gateway in front of a rate-limited upstream. Explain how a token bucket differs from a leaky bucket, when each one lets bursts through, and which one you would pick to enforce a per-minute token budget for a language model API where a single request can consume several thousand tokens at once."},
                                    {"role":"assistant","content":"A token bucket lets bursts through up to its capacity and then enforces the refill rate; a leaky bucket smooths output to a constant rate and queues or drops the excess."},
                                    {"role":"user","content":"Good. Now suppose requests reserve their maximum completion budget up front and settle to the real usage afterwards. What goes wrong if two requests reserve concurrently near the limit, and how do you make the reservation all-or-nothing across a key and its organisation?"}],
                        "max_tokens":512,"temperature":0.2,"n":1,"stream":false,"logprobs":false,"top_logprobs":0,
                        "logit_bias_size":0,"tools":0,"thinking":false},
             "response":{"status":200,"text":"A token bucket holds up to a fixed number of tokens and refills at a steady rate. Each request takes tokens out; when the bucket is empty the request waits or is refused. Bursts are allowed up to the capacity, while the long-run rate never exceeds the refill rate.",
                         "prompt_tokens":412,"completion_tokens":58,"reasoning_tokens":0,"finish_reason":"stop"},
             "decision":{"action":"allow","reasons":[]},
             "latency_ms":3}
            """.replace("\n", "");

    private UsageEvent withContent;
    private UsageEvent withoutContent;

    @Setup
    public void setUp() {
        withContent = UsageEventCodec.fromJson(EVENT);
        withoutContent = withContent.withoutContent();
    }

    @Benchmark
    public String encodeWithContent() {
        return UsageEventCodec.toJson(withContent);
    }

    @Benchmark
    public String encodeWithoutContent() {
        return UsageEventCodec.toJson(withoutContent);
    }
}
