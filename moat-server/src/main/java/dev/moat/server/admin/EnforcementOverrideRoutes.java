package dev.moat.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.server.enforcement.OverrideScope;
import io.vertx.ext.web.Router;

/**
 * {@code GET|PUT|DELETE /admin/v1/orgs/{id}/enforcement} and {@code /admin/v1/keys/{id}/enforcement}:
 * analysts' overrides of the detector's enforcement (see {@link EnforcementOverrideService}). Registered
 * through {@link AdminServer#extend}, so the admin token and body handling apply.
 */
public final class EnforcementOverrideRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Who the audit log names for admin API changes: the holder of the admin token. */
    private static final String ADMIN_ACTOR = "admin";

    private final EnforcementOverrideService service;

    public EnforcementOverrideRoutes(EnforcementOverrideService service) {
        this.service = service;
    }

    public void register(Router router) {
        register(router, "/admin/v1/orgs/:id/enforcement", OverrideScope.ORG);
        register(router, "/admin/v1/keys/:id/enforcement", OverrideScope.KEY);
    }

    private void register(Router router, String path, OverrideScope scope) {
        router.get(path).handler(ctx -> AdminServer.blocking(ctx, 200, () -> service.show(scope, ctx.pathParam("id"), JSON)));
        router.put(path).handler(ctx -> AdminServer.blocking(ctx, 200, () ->
                service.set(scope, ctx.pathParam("id"), AdminServer.body(ctx), ADMIN_ACTOR, JSON)));
        router.delete(path).handler(ctx -> AdminServer.blocking(ctx, 200, () ->
                service.remove(scope, ctx.pathParam("id"), AdminServer.body(ctx), ADMIN_ACTOR, JSON)));
    }
}
