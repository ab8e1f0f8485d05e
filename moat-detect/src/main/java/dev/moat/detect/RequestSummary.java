package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the client asked for: the content (when retained) and the generation parameters that matter
 * for metering and for extraction detection.
 *
 * @param system        the system prompt, if any and if retained
 * @param messages      the conversation, empty when content is not retained
 * @param turns         number of messages in the request, known even when content is not retained
 * @param maxTokens     the completion budget the client asked for (0 when it set none)
 * @param temperature   the sampling temperature, if set
 * @param n             number of choices requested (1 by default)
 * @param logitBiasSize number of entries in {@code logit_bias}
 * @param tools         number of tool definitions
 * @param thinking      whether extended thinking / reasoning output was requested
 */
public record RequestSummary(
        Optional<String> system,
        List<UsageEvent.Message> messages,
        int turns,
        int maxTokens,
        OptionalDouble temperature,
        int n,
        boolean stream,
        boolean logprobs,
        int topLogprobs,
        int logitBiasSize,
        int tools,
        boolean thinking) {

    public RequestSummary {
        system = system == null ? Optional.empty() : system;
        messages = messages == null ? List.of() : List.copyOf(messages);
        temperature = temperature == null ? OptionalDouble.empty() : temperature;
        if (turns < messages.size()) {
            turns = messages.size();
        }
    }

    /** A request summary with no content, only counts and parameters. */
    public static RequestSummary empty() {
        return new RequestSummary(Optional.empty(), List.of(), 0, 0, OptionalDouble.empty(), 1,
                false, false, 0, 0, 0, false);
    }

    public RequestSummary withoutContent() {
        return withContent(Optional.empty(), List.of());
    }

    /** The same parameters with this system prompt and conversation. */
    public RequestSummary withContent(Optional<String> system, List<UsageEvent.Message> messages) {
        return new RequestSummary(system, messages, turns, maxTokens, temperature, n, stream,
                logprobs, topLogprobs, logitBiasSize, tools, thinking);
    }

    /** The text of the last user message, or empty when content is not retained. */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return "";
    }
}
