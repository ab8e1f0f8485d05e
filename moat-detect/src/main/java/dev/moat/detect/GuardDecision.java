package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the request guard decided for one request.
 *
 * @param refuse            refuse the request (403 with {@link #code})
 * @param code              the client error code when refused: {@code extraction_blocked}
 * @param stripLogitBias    forward the request without its logit_bias
 * @param stripLogprobs     forward without logprobs / top_logprobs
 * @param capChoices        forward with n lowered to this
 * @param withholdReasoning remove thinking blocks and reasoning fields from the response
 * @param coercionScore     in [0,1]: how strongly the prompt coerces a full reasoning trace or grading
 * @param systemExtractionScore in [0,1]: how strongly the prompt tries to extract the system prompt
 * @param reasons           one sentence per finding, for the audit log and the error message
 */
public record GuardDecision(
        boolean refuse,
        Optional<String> code,
        boolean stripLogitBias,
        boolean stripLogprobs,
        OptionalInt capChoices,
        boolean withholdReasoning,
        double coercionScore,
        double systemExtractionScore,
        List<String> reasons) {

    public static final String EXTRACTION_BLOCKED = "extraction_blocked";

    public GuardDecision {
        code = code == null ? Optional.empty() : code;
        capChoices = capChoices == null ? OptionalInt.empty() : capChoices;
        reasons = List.copyOf(reasons);
    }

    /** Whether the request goes upstream unchanged (the response may still have reasoning withheld). */
    public boolean unchanged() {
        return !refuse && !stripLogitBias && !stripLogprobs && capChoices.isEmpty();
    }
}
