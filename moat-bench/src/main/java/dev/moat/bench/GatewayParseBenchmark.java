package dev.moat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.server.gateway.ApiDialect;
import dev.moat.server.gateway.OpenAiDialect;
import dev.moat.server.gateway.RequestFacts;
import dev.moat.server.gateway.ResponseTally;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JSON work of one non-streamed chat completion in the gateway, on realistic bodies: the
 * request read into its facts in one streaming pass ({@link OpenAiDialect#parse}, what the gateway does
 * since session 10) against the whole body read into a tree (what it did before), the tree written back
 * to bytes for the upstream ({@code UpstreamForwarder}, done only when a stage edited the body), and the
 * upstream's answer read for usage.
 * {@code turns} is the conversation length: 4 is the load harness's request (1.2 KB), 40 a long
 * chat (about 12 KB).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GatewayParseBenchmark {

    private static final String SYSTEM = "You are a careful assistant for a networking team. Answer precisely, cite the relevant"
            + " RFC section when one applies, and keep answers under two hundred words unless the user asks for more detail.";
    private static final String[] USER = {
        "We run an API gateway in front of a rate-limited upstream. Explain how a token bucket differs from a leaky bucket,"
                + " when each one lets bursts through, and which one you would pick to enforce a per-minute token budget for a"
                + " language model API where a single request can consume several thousand tokens at once.",
        "Good. Now suppose requests reserve their maximum completion budget up front and settle to the real usage"
                + " afterwards. What goes wrong if two requests reserve concurrently near the limit, and how do you make the"
                + " reservation all-or-nothing across a key and its organisation?",
    };
    private static final String ASSISTANT = "A token bucket lets bursts through up to its capacity and then enforces the"
            + " refill rate; a leaky bucket smooths output to a constant rate and queues or drops the excess.";
    private static final byte[] RESPONSE = ("{\"id\":\"chatcmpl-bench0001\",\"object\":\"chat.completion\",\"created\":1764259200,"
            + "\"model\":\"model-a\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"A token bucket holds up"
            + " to a fixed number of tokens and refills at a steady rate. Each request takes tokens out; when the bucket is empty"
            + " the request waits or is refused.\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":412,\"completion_tokens\":58,\"total_tokens\":470,"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}").getBytes(StandardCharsets.UTF_8);

    @Param({"4", "40"})
    public int turns;

    private byte[] body;
    private Buffer bodyBuffer;
    private ObjectNode tree;

    @Setup
    public void setUp() throws IOException {
        ObjectNode root = ApiDialect.JSON.createObjectNode();
        root.put("model", "model-a");
        var messages = root.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        for (int i = 0; i < turns - 1; i++) {
            boolean user = i % 2 == 0;
            messages.addObject().put("role", user ? "user" : "assistant")
                    .put("content", user ? USER[(i / 2) % USER.length] + " (turn " + i + ")" : ASSISTANT);
        }
        root.put("max_tokens", 512);
        root.put("temperature", 0.2);
        root.put("user", "bench-user-0001");
        body = ApiDialect.JSON.writeValueAsBytes(root);
        bodyBuffer = Buffer.buffer(body);
        tree = (ObjectNode) ApiDialect.JSON.readTree(body);
    }

    /** What the gateway did before session 10: the whole body into a tree, before the facts were read from it. */
    @Benchmark
    public JsonNode readTree() throws IOException {
        return ApiDialect.JSON.readTree(body);
    }

    /** What it does now: the facts in one streaming pass, no tree. */
    @Benchmark
    public RequestFacts readFacts() {
        return OpenAiDialect.INSTANCE.parse(bodyBuffer);
    }

    @Benchmark
    public byte[] reserialiseForUpstream() throws IOException {
        return ApiDialect.JSON.writeValueAsBytes(tree);
    }

    /** What the gateway did before: the whole answer read into a tree to find usage and text. */
    @Benchmark
    public JsonNode readResponseTree() throws IOException {
        return ApiDialect.JSON.readTree(RESPONSE);
    }

    /** What it does now: one streaming pass that keeps only usage, text and finish reason. */
    @Benchmark
    public ResponseTally readResponseUsage() throws IOException {
        ResponseTally tally = new ResponseTally();
        OpenAiDialect.INSTANCE.readResponse(Buffer.buffer(RESPONSE), tally);
        return tally;
    }
}
