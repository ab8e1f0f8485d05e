package dev.moat.server.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The fields of an Anthropic Messages request that the stand-in honours, checked as the real API checks them.
 *
 * @param model          the requested model, one the stand-in serves
 * @param prompt         the conversation's token count (system text included) and last user text
 * @param stream         whether to answer with server-sent events
 * @param maxTokens      the required {@code max_tokens}: thinking plus text tokens
 * @param thinkingBudget {@code thinking.budget_tokens} when extended thinking is enabled
 */
record MessagesRequest(String model, Prompt prompt, boolean stream, int maxTokens, OptionalInt thinkingBudget) {

    static final Set<String> ROLES = Set.of("user", "assistant");
    /** The smallest thinking budget the real API accepts. */
    static final int MIN_THINKING_BUDGET = 1024;

    static MessagesRequest parse(byte[] bytes, List<String> servedModels) {
        RequestBody body = RequestBody.parse(bytes);
        String model = body.requiredString("model");
        Prompt prompt = Prompt.read(body.requiredNonEmptyArray("messages"), ROLES, body.optionalNode("system"));
        if (!body.has("max_tokens")) {
            throw RejectedRequest.invalid("max_tokens", "max_tokens: Field required");
        }
        int maxTokens = body.optionalInt("max_tokens", 1, Integer.MAX_VALUE).orElseThrow();
        boolean stream = body.optionalBoolean("stream", false);
        OptionalInt thinkingBudget = body.optionalObject("thinking")
                .map(thinking -> thinkingBudget(thinking, maxTokens))
                .orElse(OptionalInt.empty());
        if (!servedModels.contains(model)) {
            throw RejectedRequest.unknownModel(model);
        }
        return new MessagesRequest(model, prompt, stream, maxTokens, thinkingBudget);
    }

    private static OptionalInt thinkingBudget(ObjectNode thinking, int maxTokens) {
        String type = thinking.path("type").asText("");
        if (type.equals("disabled")) {
            return OptionalInt.empty();
        }
        if (!type.equals("enabled")) {
            throw RejectedRequest.invalid("thinking.type",
                    "thinking.type: expected 'enabled' or 'disabled', got " + thinking.path("type") + ".");
        }
        JsonNode budget = thinking.get("budget_tokens");
        if (budget == null) {
            throw RejectedRequest.invalid("thinking.budget_tokens", "thinking.budget_tokens: Field required");
        }
        int tokens = RequestBody.intIn("thinking.budget_tokens", budget, MIN_THINKING_BUDGET, Integer.MAX_VALUE);
        if (tokens >= maxTokens) {
            throw RejectedRequest.invalid("max_tokens", "max_tokens must be greater than thinking.budget_tokens ("
                    + maxTokens + " <= " + tokens + ").");
        }
        return OptionalInt.of(tokens);
    }
}
