package dev.moat.server.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Edits to a request body before it goes upstream, for guards and enforcement. */
final class RequestShaping {

    private RequestShaping() {
    }

    static void stripLogitBias(Call call) {
        remove(call, "logit_bias");
    }

    static void stripLogprobs(Call call) {
        remove(call, "logprobs");
        remove(call, "top_logprobs");
    }

    static void capChoices(Call call, int n) {
        if (call.body().path("n").asInt(1) > n) {
            call.body().put("n", n);
            call.bodyChanged = true;
        }
    }

    /** Asks the upstream for no reasoning output: drops Anthropic's {@code thinking} and OpenAI's reasoning options. */
    static void withholdReasoning(Call call) {
        remove(call, "thinking");
        remove(call, "reasoning_effort");
        remove(call, "reasoning");
    }

    private static void remove(Call call, String field) {
        if (call.body().remove(field) != null) {
            call.bodyChanged = true;
        }
    }

    /** Degraded service: no logprobs, logit bias or reasoning, and at most {@code maxTokens} of completion. */
    static void degrade(Call call, int maxTokens) {
        stripLogitBias(call);
        stripLogprobs(call);
        withholdReasoning(call);
        capChoices(call, 1);
        ObjectNode body = call.body();
        String field = body.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        if (body.path(field).asInt(Integer.MAX_VALUE) > maxTokens) {
            body.put(field, maxTokens);
            call.bodyChanged = true;
        }
    }
}
