package dev.moat.server.standin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The fields of an OpenAI Chat Completions request that the stand-in honours, checked as the real API checks
 * them.
 *
 * @param model           the requested model, one the stand-in serves
 * @param prompt          the conversation's token count and last user text
 * @param stream          whether to answer with server-sent events
 * @param includeUsage    {@code stream_options.include_usage}: add the usage chunk before {@code [DONE]}
 * @param choices         {@code n}
 * @param maxTokens       {@code max_completion_tokens}, else {@code max_tokens}: reasoning plus visible tokens
 * @param logprobs        whether to return log probabilities of the output tokens
 * @param topLogprobs     how many alternatives each log probability lists
 * @param reasoningTokens reasoning tokens per choice, from {@code reasoning_effort}, before any budget cap
 */
record ChatCompletionRequest(String model, Prompt prompt, boolean stream, boolean includeUsage, int choices,
                             OptionalInt maxTokens, boolean logprobs, int topLogprobs, int reasoningTokens) {

    static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    static final int MAX_CHOICES = 128;
    static final int MAX_TOP_LOGPROBS = 20;

    /** Reasoning tokens per effort before the prompt's share is added; a larger effort thinks longer. */
    private static final Map<String, Integer> EFFORT_TOKENS =
            Map.of("none", 0, "minimal", 0, "low", 48, "medium", 160, "high", 480);

    static ChatCompletionRequest parse(byte[] bytes, List<String> servedModels) {
        RequestBody body = RequestBody.parse(bytes);
        String model = body.requiredString("model");
        Prompt prompt = Prompt.read(body.requiredNonEmptyArray("messages"), ROLES, Optional.empty());
        boolean stream = body.optionalBoolean("stream", false);
        boolean includeUsage = false;
        if (body.has("stream_options")) {
            if (!stream) {
                throw RejectedRequest.invalid("stream_options",
                        "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
            }
            var options = body.optionalObject("stream_options").orElseThrow();
            if (options.has("include_usage")) {
                if (!options.get("include_usage").isBoolean()) {
                    throw RequestBody.wrongType("stream_options.include_usage", "a boolean",
                            options.get("include_usage"));
                }
                includeUsage = options.get("include_usage").booleanValue();
            }
        }
        int choices = body.optionalInt("n", 1, MAX_CHOICES).orElse(1);
        OptionalInt maxCompletionTokens = body.optionalInt("max_completion_tokens", 1, Integer.MAX_VALUE);
        OptionalInt maxTokens = maxCompletionTokens.isPresent()
                ? maxCompletionTokens
                : body.optionalInt("max_tokens", 1, Integer.MAX_VALUE);
        boolean logprobs = body.optionalBoolean("logprobs", false);
        OptionalInt topLogprobs = body.optionalInt("top_logprobs", 0, MAX_TOP_LOGPROBS);
        if (topLogprobs.isPresent() && !logprobs) {
            throw RejectedRequest.invalid("top_logprobs",
                    "'top_logprobs' needs 'logprobs' set to true.");
        }
        int reasoningTokens = body.optionalString("reasoning_effort")
                .map(effort -> reasoningTokens(effort, prompt))
                .orElse(0);
        if (!servedModels.contains(model)) {
            throw RejectedRequest.unknownModel(model);
        }
        return new ChatCompletionRequest(model, prompt, stream, includeUsage, choices, maxTokens, logprobs,
                topLogprobs.orElse(0), reasoningTokens);
    }

    /**
     * Reasoning tokens one choice spends: all of them when the request sets no budget, else at most half the
     * budget, so every choice keeps room for visible text.
     */
    int reasoningTokensWithinBudget() {
        return maxTokens.isPresent() ? Math.min(reasoningTokens, maxTokens.getAsInt() / 2) : reasoningTokens;
    }

    /** The visible tokens one choice may produce after its reasoning. */
    int visibleBudget() {
        return maxTokens.isPresent() ? maxTokens.getAsInt() - reasoningTokensWithinBudget() : Integer.MAX_VALUE;
    }

    private static int reasoningTokens(String effort, Prompt prompt) {
        Integer base = EFFORT_TOKENS.get(effort);
        if (base == null) {
            throw RejectedRequest.invalid("reasoning_effort", "'reasoning_effort' is '" + effort
                    + "' (expected one of: none, minimal, low, medium, high).");
        }
        return base == 0 ? 0 : base + Math.min(prompt.tokens() / 4, 100);
    }
}
