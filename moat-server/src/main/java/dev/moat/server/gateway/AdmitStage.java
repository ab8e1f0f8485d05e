package dev.moat.server.gateway;

import dev.moat.server.config.MoatConfig;
import dev.moat.server.identity.OrgStatus;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Lets the request through only if the key's organisation is approved, the model is served here
 * through the API the client used, and the key is entitled to it.
 */
public final class AdmitStage implements Stage {

    /** The first configured upstream serving each model, through any API. */
    private final Map<String, MoatConfig.Upstream> anyByModel = new HashMap<>();
    /** The first configured upstream serving each model through each API. */
    private final Map<MoatConfig.Api, Map<String, MoatConfig.Upstream>> byApi = new EnumMap<>(MoatConfig.Api.class);

    public AdmitStage(MoatConfig config) {
        // Looked up per request: built once as maps (a stream over the upstreams per request showed in profiles).
        for (MoatConfig.Upstream upstream : config.upstreams()) {
            for (String model : upstream.models()) {
                anyByModel.putIfAbsent(model, upstream);
                byApi.computeIfAbsent(upstream.api(), api -> new HashMap<>()).putIfAbsent(model, upstream);
            }
        }
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
        Optional<MoatConfig.Upstream> anyUpstream = Optional.ofNullable(anyByModel.get(model));
        if (anyUpstream.isEmpty()) {
            return Optional.of(new GatewayError(404, "model_not_found", "The model '" + model + "' does not exist here."));
        }
        if (!call.key.entitledTo(model)) {
            return Optional.of(GatewayError.forbidden("model_not_entitled",
                    "This API key is not entitled to the model '" + model + "'."));
        }
        Optional<MoatConfig.Upstream> upstream = Optional.ofNullable(byApi.getOrDefault(call.dialect.api(), Map.of()).get(model));
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
