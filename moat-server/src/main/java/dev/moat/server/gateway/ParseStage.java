package dev.moat.server.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/** Reads the JSON body into the request's facts; a malformed body is a 400 that names the problem. */
public final class ParseStage implements Stage {

    @Override
    public Optional<GatewayError> apply(Call call) {
        JsonNode tree;
        try {
            tree = ApiDialect.readTree(call.rawBody);
        } catch (JsonProcessingException e) {
            return Optional.of(GatewayError.badRequest("The request body is not valid JSON: " + e.getOriginalMessage()
                    + " (at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            return Optional.of(GatewayError.badRequest("The request body could not be read: " + e.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            return Optional.of(GatewayError.badRequest("The request body must be a JSON object."));
        }
        call.body = (ObjectNode) tree;
        try {
            call.facts = call.dialect.parse(call.body);
        } catch (GatewayException e) {
            return Optional.of(e.error());
        }
        return Optional.empty();
    }
}
