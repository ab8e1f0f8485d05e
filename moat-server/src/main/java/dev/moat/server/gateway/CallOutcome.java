package dev.moat.server.gateway;

import java.util.Optional;

/**
 * How a forwarded call ended: the status the client saw, what the upstream delivered, and the
 * error if it failed (before or during the response).
 */
record CallOutcome(int status, ResponseTally tally, Optional<GatewayError> error, Optional<String> failureKind) {

    static CallOutcome ok(int status, ResponseTally tally) {
        return new CallOutcome(status, tally, Optional.empty(), Optional.empty());
    }

    CallOutcome withTally(ResponseTally newTally) {
        return new CallOutcome(status, newTally, error, failureKind);
    }

    static CallOutcome failed(GatewayError error, ResponseTally tally, String kind) {
        return new CallOutcome(error.status(), tally, Optional.of(error), Optional.of(kind));
    }
}
