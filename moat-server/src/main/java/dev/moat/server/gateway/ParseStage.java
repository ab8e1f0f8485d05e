package dev.moat.server.gateway;

import java.util.Optional;

/**
 * Reads the body into the request's facts in one streaming pass; a malformed body is a 400 that names the
 * problem. The body's tree is not built here: only a stage that edits the body builds it ({@link Call#body()}).
 */
public final class ParseStage implements Stage {

    @Override
    public Optional<GatewayError> apply(Call call) {
        try {
            call.facts = call.dialect.parse(call.rawBody);
        } catch (GatewayException e) {
            return Optional.of(e.error());
        }
        return Optional.empty();
    }
}
