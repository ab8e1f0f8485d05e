package dev.moat.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.detect.RequestSummary;
import dev.moat.detect.UsageEvent;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the two dialects record of a request for the usage event: the system prompt apart from the conversation, and
 * as many turns as the conversation has, so that a question under a system prompt is a single turn on both APIs.
 */
class RequestSummaryParsingTest {

    @Test
    void anOpenAiSystemMessageIsTheSystemPromptNotATurn() throws Exception {
        RequestSummary summary = OpenAiDialect.INSTANCE.parse(body("""
                {"model":"m","max_tokens":4096,"messages":[
                  {"role":"system","content":"You are a maths tutor."},
                  {"role":"user","content":"Solve 3x + 5 = 20."}]}""")).summary();
        assertThat(summary.system()).contains("You are a maths tutor.");
        assertThat(summary.messages()).extracting(UsageEvent.Message::role).containsExactly("user");
        assertThat(summary.turns()).isEqualTo(1);
    }

    @Test
    void anOpenAiConversationCountsItsTurnsWithoutTheSystemMessage() throws Exception {
        RequestSummary summary = OpenAiDialect.INSTANCE.parse(body("""
                {"model":"m","messages":[
                  {"role":"developer","content":"Be brief."},
                  {"role":"user","content":"Hi"},
                  {"role":"assistant","content":"Hello!"},
                  {"role":"user","content":"What is 2 + 2?"}]}""")).summary();
        assertThat(summary.system()).contains("Be brief.");
        assertThat(summary.turns()).isEqualTo(3);
    }

    @Test
    void anAnthropicQuestionUnderASystemPromptIsOneTurnToo() throws Exception {
        RequestSummary summary = AnthropicDialect.INSTANCE.parse(body("""
                {"model":"m","max_tokens":4096,"system":"You are a maths tutor.",
                 "messages":[{"role":"user","content":"Solve 3x + 5 = 20."}]}""")).summary();
        assertThat(summary.system()).isEqualTo(Optional.of("You are a maths tutor."));
        assertThat(summary.turns()).isEqualTo(1);
    }

    private static Buffer body(String json) {
        return Buffer.buffer(json);
    }
}
