package dev.moat.server.gateway;

import dev.moat.server.config.MoatConfig;
import dev.moat.server.identity.OrgStatus;
import java.util.Optional;

/**
 * Lets the request through only if the key's organisation is approved, the model is served here
 * through the API the client used, and the key is entitled to it.
 */
public final class AdmitStage implements Stage {

    private final MoatConfig config;

    public AdmitStage(MoatConfig config) {
        this.config = config;
    }

    @Override
    public Optional<GatewayError> apply(Call call) {
        OrgStatus status = call.org.status();
        if (status == OrgStatus.SUSPENDED) {
            return Optional.of(GatewayError.forbidden("org_suspended",
                    "Your organisation's access is suspended. Contact the model provider's trust & safety team."));
        }
        if (status != OrgStatus.APPROVED) {
            return Optional.of(GatewayError.forbidden("org_not_approved",
                    "Your organisation is not approved to use this API (status: " + status.wireName() + ")."));
        }
        String model = call.facts.model();
        Optional<MoatConfig.Upstream> anyUpstream = config.upstreamFor(model);
        if (anyUpstream.isEmpty()) {
            return Optional.of(new GatewayError(404, "model_not_found", "The model '" + model + "' does not exist here."));
        }
        if (!call.key.entitledTo(model)) {
            return Optional.of(GatewayError.forbidden("model_not_entitled",
                    "This API key is not entitled to the model '" + model + "'."));
        }
        Optional<MoatConfig.Upstream> upstream = config.upstreamFor(call.dialect.api(), model);
        if (upstream.isEmpty()) {
            MoatConfig.Api other = anyUpstream.get().api();
            String path = other == MoatConfig.Api.OPENAI ? "/v1/chat/completions" : "/v1/messages";
            return Optional.of(GatewayError.badRequest("The model '" + model + "' is served through the "
                    + other.wireName() + " API only; send this request to " + path + "."));
        }
        call.upstream = upstream.get();
        return Optional.empty();
    }
}
