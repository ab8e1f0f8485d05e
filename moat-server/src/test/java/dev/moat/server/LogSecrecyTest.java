package dev.moat.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.moat.server.testing.StubResponse;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Logs, even at their most detailed, carry no secrets and no prompt or response text. */
class LogSecrecyTest {

    @Test
    void requestLogsNameKeysByIdOnly() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger gatewayLogger = context.getLogger("dev.moat.server.gateway.GatewayServer");
        Level before = gatewayLogger.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        gatewayLogger.setLevel(Level.DEBUG);
        try (GatewayFixture moat = new GatewayFixture()) {
            moat.upstream.respondWith(StubResponse.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"CONFIDENTIAL-ANSWER\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":2}}"));
            GatewayFixture.Tenant tenant = moat.approvedTenant("Quiet Ltd", "[\"model-a\"]", null);

            moat.gateway.post("/v1/chat/completions",
                    "{\"model\":\"model-a\",\"messages\":[{\"role\":\"user\",\"content\":\"CONFIDENTIAL-PROMPT\"}]}",
                    "authorization", "Bearer " + tenant.key());
            moat.gateway.post("/v1/chat/completions", "{\"model\":", "authorization", "Bearer " + tenant.key());
            moat.admin("GET", "/admin/v1/usage?org=" + tenant.orgId(), null);

            assertThat(captured.list).anySatisfy(event -> assertThat(String.valueOf(event.getKeyValuePairs())).contains(tenant.keyId()));
            for (ILoggingEvent event : captured.list) {
                String line = event.getFormattedMessage() + " " + event.getKeyValuePairs();
                assertThat(line).doesNotContain(tenant.key(), GatewayFixture.UPSTREAM_KEY, GatewayFixture.ADMIN_TOKEN,
                        "CONFIDENTIAL-PROMPT", "CONFIDENTIAL-ANSWER");
            }
        } finally {
            root.detachAppender(captured);
            gatewayLogger.setLevel(before);
        }
    }
}
