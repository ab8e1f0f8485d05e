package dev.moat.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.server.gateway.TreeRequestReading.Outcome;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The streaming request reader ({@link StreamedRequest}, through both dialects' {@code parse}) gives what the tree
 * reader it replaced gave ({@link TreeRequestReading}): the same facts for every body it accepts, and for every body
 * it refuses the same 400 with the same message — which member is wrong and how, or where the JSON breaks.
 */
class StreamedRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ApiDialect> DIALECTS = List.of(OpenAiDialect.INSTANCE, AnthropicDialect.INSTANCE);

    private static Outcome streamed(ApiDialect dialect, String body) {
        try {
            return Outcome.of(dialect.parse(Buffer.buffer(body)));
        } catch (GatewayException e) {
            return Outcome.of(e.error());
        }
    }

    /** Both dialects read {@code body} as the tree reader did; returns how many of them accepted it. */
    private static int assertReadAsByTheTree(String body) {
        int accepted = 0;
        for (ApiDialect dialect : DIALECTS) {
            Outcome expected = TreeRequestReading.read(dialect, Buffer.buffer(body));
            assertThat(streamed(dialect, body)).as("%s reading %s", dialect.api(), body).isEqualTo(expected);
            accepted += expected.facts().isPresent() ? 1 : 0;
        }
        return accepted;
    }

    @Property(tries = 3000)
    void generatedBodiesGiveTheTreeReadersFactsOrRefusal(@ForAll("bodies") String body) {
        // how many dialects accepted the body (the report shows that both outcomes are well covered)
        Statistics.collect(assertReadAsByTheTree(body));
    }

    @Property(tries = 1500)
    void damagedBodiesFailWhereAndAsTheTreeReaderFails(@ForAll("bodies") String body, @ForAll @IntRange(max = 10_000) int at,
                                                       @ForAll("damage") String damage, @ForAll boolean cut) {
        int position = at % (body.length() + 1);
        assertReadAsByTheTree(cut ? body.substring(0, position) : body.substring(0, position) + damage + body.substring(position));
    }

    @Test
    void realConversationsReadAlikeInEveryShape() throws IOException {
        Path questions = sharedData().resolve("prompts/human/mt_bench_questions.jsonl");
        int accepted = 0;
        for (String line : Files.readAllLines(questions)) {
            List<String> turns = JSON.convertValue(JSON.readTree(line).get("turns"), JSON.getTypeFactory()
                    .constructCollectionType(List.class, String.class));
            for (String body : realBodies(turns)) {
                accepted += assertReadAsByTheTree(body);
            }
        }
        // every real body is accepted by the dialect it was written for (an OpenAI body without max_tokens is refused
        // by the Anthropic dialect, which requires it)
        assertThat(accepted).isGreaterThanOrEqualTo(80 * 4);
    }

    @Test
    void theLoadHarnessRequestReadsAlike() throws IOException {
        Path harness = Path.of("..", "moat-bench", "load", "request.json");
        assertThat(assertReadAsByTheTree(Files.readString(harness))).isEqualTo(2);
    }

    @Test
    void refusalsStayAsSpecificAsBefore() {
        assertThat(streamed(OpenAiDialect.INSTANCE, "{\"model\":\"m\",\n \"messages\":[{\"role\":\"user\",\"content\":\"hi\"},]}")
                .error().orElseThrow().message())
                .startsWith("The request body is not valid JSON: Unexpected character (']'").endsWith("(at line 2, column 45)");
        assertThat(streamed(OpenAiDialect.INSTANCE, "[{\"model\":\"m\"}]").error().orElseThrow().message())
                .isEqualTo("The request body must be a JSON object.");
        assertThat(streamed(OpenAiDialect.INSTANCE, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"content\":\"no role\"}]}").error().orElseThrow().message())
                .isEqualTo("messages[1].role: missing (expected system, developer, user, assistant or tool)");
        assertThat(streamed(AnthropicDialect.INSTANCE, "{\"model\":\"m\",\"max_tokens\":0,\"messages\":[]}").error().orElseThrow().message())
                .isEqualTo("max_tokens: 0 is not valid (required; expected an integer >= 1)");
        assertThat(streamed(OpenAiDialect.INSTANCE, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"max_tokens\":\"many\"}").error().orElseThrow().message())
                .isEqualTo("max_tokens: \"many\" is not a non-negative integer");
    }

    @Test
    void aMemberGivenTwiceCountsWithItsLastValue() {
        RequestFacts facts = OpenAiDialect.INSTANCE.parse(Buffer.buffer("{\"model\":\"a\",\"messages\":\"none\",\"model\":\"b\","
                + "\"messages\":[{\"role\":\"user\",\"content\":1,\"content\":[{\"text\":\"x\"},7,{\"text\":\"y\",\"text\":\"z\"}]}]}"));
        assertThat(facts.model()).isEqualTo("b");
        assertThat(facts.summary().messages()).singleElement().extracting(m -> m.content()).isEqualTo("x\nz");
    }

    /** Four ways a client writes a real conversation: OpenAI with and without a system message, parts, Anthropic. */
    private static List<String> realBodies(List<String> turns) throws JsonProcessingException {
        ObjectNode plain = JSON.createObjectNode().put("model", "model-a").put("max_tokens", 1024).put("temperature", 0.7);
        ArrayNode plainMessages = plain.putArray("messages");
        ObjectNode withSystem = JSON.createObjectNode().put("model", "model-a").put("stream", true).put("n", 1);
        ArrayNode systemMessages = withSystem.putArray("messages");
        systemMessages.addObject().put("role", "system").put("content", "You are a helpful assistant.");
        ObjectNode parts = JSON.createObjectNode().put("model", "model-b").put("max_completion_tokens", 256).put("logprobs", true)
                .put("top_logprobs", 5);
        parts.putObject("logit_bias").put("50256", -100);
        ArrayNode partMessages = parts.putArray("messages");
        ObjectNode anthropic = JSON.createObjectNode().put("model", "model-a").put("max_tokens", 2048).put("system", "Be concise.");
        anthropic.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);
        anthropic.putArray("tools").addObject().put("name", "search").putObject("input_schema").put("type", "object");
        ArrayNode anthropicMessages = anthropic.putArray("messages");
        for (int i = 0; i < turns.size(); i++) {
            if (i > 0) {
                for (ArrayNode messages : List.of(plainMessages, systemMessages, partMessages, anthropicMessages)) {
                    messages.addObject().put("role", "assistant").put("content", "An answer to: " + turns.get(i - 1));
                }
            }
            plainMessages.addObject().put("role", "user").put("content", turns.get(i));
            systemMessages.addObject().put("role", "user").put("content", turns.get(i));
            ArrayNode content = partMessages.addObject().put("role", "user").putArray("content");
            content.addObject().put("type", "text").put("text", turns.get(i));
            content.addObject().put("type", "image_url").putObject("image_url").put("url", "https://example.org/a.png");
            anthropicMessages.addObject().put("role", "user").putArray("content").addObject().put("type", "text").put("text", turns.get(i));
        }
        return List.of(JSON.writeValueAsString(plain), JSON.writeValueAsString(withSystem), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(parts),
                JSON.writeValueAsString(anthropic));
    }

    /** The project's reference data: the {@code moat.shared.data} property, else ../shared/data beside the module's parent. */
    private static Path sharedData() {
        String configured = System.getProperty("moat.shared.data");
        return configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
    }

    @Provide
    Arbitrary<String> damage() {
        return Arbitraries.of("\"", "{", "}", "[", "]", ",", ":", "\\", "\\u12", "x", "1", "-", ".", "\u0001", "\"a\":", "null", " ");
    }

    /**
     * Request bodies: mostly a well-formed request (a model, a conversation, a completion budget, some optional
     * parameters) in any member order, often with one thing wrong — a member of the wrong kind, given twice, a message
     * without a role or with content of the wrong kind — and now and then something that is not a request at all.
     */
    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<List<String>> core = Combinators.combine(
                usually(Arbitraries.of("\"model-a\"", "\"model-b\""), value()).map(value -> "\"model\":" + value),
                usually(message().list().ofMinSize(1).ofMaxSize(5).map(StreamedRequestTest::array), value())
                        .map(value -> "\"messages\":" + value),
                usually(Arbitraries.integers().between(1, 4096).map(String::valueOf), value()).map(value -> "\"max_tokens\":" + value),
                Arbitraries.integers().between(0, 2)).as((model, messages, maxTokens, left) -> List.of(model, messages, maxTokens)
                        .subList(0, 3 - (left == 0 ? 1 : 0)));
        Arbitrary<List<String>> optional = optionalMember().list().ofMaxSize(5);
        Arbitrary<String> request = Combinators.combine(core, optional).as((a, b) -> {
            List<String> members = new ArrayList<>(a);
            members.addAll(b);
            return members;
        }).flatMap(members -> Arbitraries.shuffle(members)).map(members -> "{" + String.join(",", members) + "}");
        return Arbitraries.frequencyOf(
                Tuple.of(12, request),
                Tuple.of(1, Arbitraries.of("", " ", "null", "[]", "\"text\"", "42", "[{\"model\":\"m\"}]", "{}")));
    }

    /** {@code right} most of the time, {@code wrong} the rest. */
    private static Arbitrary<String> usually(Arbitrary<String> right, Arbitrary<String> wrong) {
        return Arbitraries.frequencyOf(Tuple.of(6, right), Tuple.of(1, wrong));
    }

    private Arbitrary<String> optionalMember() {
        return Arbitraries.of("model", "messages", "max_tokens", "max_completion_tokens", "stream", "n",
                        "temperature", "logprobs", "top_logprobs", "logit_bias", "tools", "reasoning_effort", "reasoning", "system",
                        "thinking", "stream_options", "user", "metadata")
                .flatMap(name -> usually(rightValue(name), value()).map(value -> quote(name) + ":" + value));
    }

    /** A value of the right kind for the member {@code name}. */
    private Arbitrary<String> rightValue(String name) {
        return switch (name) {
            case "messages" -> message().list().ofMinSize(1).ofMaxSize(5).map(StreamedRequestTest::array);
            case "model" -> Arbitraries.of("\"model-a\"", "\"model-\\u00e9\"");
            case "max_tokens", "max_completion_tokens", "n", "top_logprobs" -> Arbitraries.integers().between(0, 4096).map(String::valueOf);
            case "stream", "logprobs" -> Arbitraries.of("true", "false", "null");
            case "temperature" -> Arbitraries.of("0", "0.2", "0.7", "1", "1.5", "2.0", "null");
            case "system" -> content();
            case "thinking" -> Arbitraries.of("{\"type\":\"enabled\",\"budget_tokens\":1024}", "{\"type\":\"disabled\"}", "{}");
            case "reasoning_effort" -> Arbitraries.of("\"low\"", "\"high\"", "null");
            default -> value();
        };
    }

    private static String array(List<String> values) {
        return "[" + String.join(",", values) + "]";
    }

    /** A message: mostly a role and a content (string or parts), sometimes a wrong role, content or element. */
    private Arbitrary<String> message() {
        Arbitrary<String> role = usually(Arbitraries.of("system", "developer", "user", "assistant", "tool", "").map(StreamedRequestTest::quote),
                value());
        Arbitrary<String> extra = Arbitraries.oneOf(
                role.map(value -> "\"role\":" + value),
                content().map(value -> "\"content\":" + value),
                value().map(value -> "\"name\":" + value));
        Arbitrary<String> object = Combinators.combine(role, content(), extra.list().ofMaxSize(2))
                .as((r, c, more) -> {
                    List<String> members = new ArrayList<>(List.of("\"role\":" + r, "\"content\":" + c));
                    members.addAll(more);
                    return members;
                })
                .flatMap(members -> Arbitraries.shuffle(members))
                .map(members -> "{" + String.join(",", members) + "}");
        return usually(object, value());
    }

    private Arbitrary<String> content() {
        Arbitrary<String> partMember = Arbitraries.oneOf(
                text().map(value -> "\"text\":" + value),
                Arbitraries.of("\"type\":\"text\"", "\"type\":\"image_url\"", "\"text\":7", "\"text\":null", "\"text\":{\"text\":\"inner\"}",
                        "\"image_url\":{\"url\":\"https://example.org/x.png\"}"));
        Arbitrary<String> part = usually(partMember.list().ofMaxSize(3).map(members -> "{" + String.join(",", members) + "}"), value());
        return Arbitraries.frequencyOf(
                Tuple.of(6, text()),
                Tuple.of(3, part.list().ofMaxSize(4).map(StreamedRequestTest::array)),
                Tuple.of(1, value()));
    }

    /** Any JSON value: strings with escapes and non-ASCII text, numbers of every kind and size, literals, nested values. */
    private Arbitrary<String> value() {
        return Arbitraries.oneOf(
                text(),
                Arbitraries.integers().between(-3, 5000).map(String::valueOf),
                Arbitraries.of("0", "-1", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "12345678901234567890123",
                        "0.2", "0.0", "-0.0", "1e3", "1E-7", "1.5e308", "2.0", "512.0", "3.4028235E39"),
                Arbitraries.of("true", "false", "null"),
                Arbitraries.of("{}", "[]", "{\"type\":\"enabled\",\"budget_tokens\":1024}", "{\"type\":\"disabled\"}", "{\"effort\":\"high\"}",
                        "{\"include_usage\":true}", "{\"50256\":-100,\"13\":5}", "[1,2.5,\"x\",null]",
                        "[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]",
                        "{\"a\":[1,{\"b\":[[],{}]}]}", "[{\"type\":\"text\",\"text\":\"sys\"},{\"type\":\"text\",\"text\":\"more\"}]"));
    }

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(12),
                        Arbitraries.strings().withCharRange('\u3040', '\u30ff').ofMaxLength(6),
                        Arbitraries.strings().withChars("ab \n\t\"\\/").ofMaxLength(8),
                        Arbitraries.of("Hello", "😀 emoji", "\ud83d"))
                .map(StreamedRequestTest::quote);
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
