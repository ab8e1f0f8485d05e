package dev.moat.server.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import java.util.Optional;

/** {@code GET /admin/v1/alerts?org=…&limit=N}: findings with their evidence, newest first. */
public final class AlertRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertStore store;

    public AlertRoutes(AlertStore store) {
        this.store = store;
    }

    public void register(Router router) {
        router.get("/admin/v1/alerts").handler(ctx -> {
            int limit;
            try {
                limit = Integer.parseInt(Optional.ofNullable(ctx.request().getParam("limit")).orElse("100"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 10_000) {
                ctx.response().setStatusCode(400).putHeader("content-type", "application/json")
                        .end("{\"error\":{\"code\":\"invalid_request\",\"message\":\"limit: expected a number from 1 to 10000\"}}");
                return;
            }
            int max = limit;
            Optional<String> org = Optional.ofNullable(ctx.request().getParam("org"));
            ctx.vertx().executeBlocking(() -> {
                ArrayNode alerts = JSON.createArrayNode();
                for (Alert alert : store.recent(org, max)) {
                    ObjectNode node = alerts.addObject();
                    node.put("id", alert.id());
                    node.put("ts", alert.ts().toString());
                    node.put("source", alert.source());
                    node.put("kind", alert.kind());
                    node.put("subject", alert.subjectKind() + ":" + alert.subjectId());
                    node.put("org", alert.orgId());
                    node.put("risk", alert.risk());
                    node.put("action", alert.action());
                    node.put("summary", alert.summary());
                    node.set("evidence", JSON.valueToTree(alert.evidence()));
                }
                return JSON.createObjectNode().set("alerts", alerts).toString();
            }, false).onComplete(done -> {
                if (done.succeeded()) {
                    ctx.response().putHeader("content-type", "application/json").end(done.result());
                } else {
                    ctx.response().setStatusCode(500).putHeader("content-type", "application/json")
                            .end("{\"error\":{\"code\":\"internal_error\",\"message\":\"reading alerts failed\"}}");
                }
            });
        });
    }
}
