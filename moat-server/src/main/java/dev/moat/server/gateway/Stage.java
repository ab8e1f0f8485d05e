package dev.moat.server.gateway;

import java.util.Optional;

/**
 * One step a request passes before it is forwarded: authenticate, parse, admit, limit, inspect.
 * Stages run in order on the event loop and read only in-memory state. A stage that returns an
 * error ends the chain: the client gets that error in its API's shape and later stages do not run.
 */
@FunctionalInterface
public interface Stage {

    Optional<GatewayError> apply(Call call);
}
