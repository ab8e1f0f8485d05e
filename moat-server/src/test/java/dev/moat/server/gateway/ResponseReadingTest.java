package dev.moat.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Usage, text and finish reason read from whole (non-streamed) answers of both APIs, in one streaming pass. */
class ResponseReadingTest {

    private static ResponseTally read(ApiDialect dialect, String json) throws IOException {
        ResponseTally tally = new ResponseTally();
        dialect.readResponse(Buffer.buffer(json), tally);
        return tally;
    }

    @Test
    void openAiUsageTextAndFinishReason() throws IOException {
        ResponseTally tally = read(OpenAiDialect.INSTANCE, """
                {"id":"c1","object":"chat.completion","choices":[
                  {"index":0,"message":{"role":"assistant","content":"Hello ","tool_calls":[{"id":"t","function":{"arguments":"{}"}}]},"logprobs":null,"finish_reason":null},
                  {"index":1,"message":{"content":"world","role":"assistant"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19,
                          "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":3}}}
                """);

        assertThat(tally.usageReported()).isTrue();
        assertThat(tally.promptTokens()).isEqualTo(12);
        assertThat(tally.completionTokens()).isEqualTo(7);
        assertThat(tally.reasoningTokens()).isEqualTo(3);
        assertThat(tally.text()).contains("Hello world");
        assertThat(tally.finishReason()).contains("stop");
    }

    @Test
    void anthropicCountsCacheTokensAsInputAndKeepsOnlyTextBlocks() throws IOException {
        ResponseTally tally = read(AnthropicDialect.INSTANCE, """
                {"id":"msg_1","type":"message","role":"assistant","content":[
                  {"type":"thinking","thinking":"secret steps","signature":"x"},
                  {"text":"The answer","type":"text"},
                  {"type":"tool_use","id":"tu","name":"f","input":{"text":"not this"}},
                  {"type":"text","text":" is 4."}],
                 "stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":10,"cache_creation_input_tokens":5,"cache_read_input_tokens":20,"output_tokens":9}}
                """);

        assertThat(tally.promptTokens()).isEqualTo(35);
        assertThat(tally.completionTokens()).isEqualTo(9);
        assertThat(tally.text()).contains("The answer is 4.");
        assertThat(tally.finishReason()).contains("end_turn");
    }

    @Test
    void answersWithoutUsageOrWithOddShapesLeaveItUnknown() throws IOException {
        ResponseTally tally = read(OpenAiDialect.INSTANCE, "{\"usage\":\"n/a\",\"choices\":{\"message\":1},\"extra\":[1,{\"a\":[]}]}");
        assertThat(tally.usageReported()).isFalse();
        assertThat(tally.text()).isEmpty();

        ResponseTally array = read(AnthropicDialect.INSTANCE, "[1,2,3]");
        assertThat(array.usageReported()).isFalse();
    }

    @Test
    void aBrokenAnswerReportsNothingAtAll() {
        ResponseTally tally = new ResponseTally();
        // Usage comes first and is valid, but the body breaks later: none of it may be used.
        assertThatThrownBy(() -> OpenAiDialect.INSTANCE.readResponse(
                Buffer.buffer("{\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":5},\"choices\":[{\"message\":{\"content\":\"x\"}"),
                tally)).isInstanceOf(IOException.class);
        assertThat(tally.usageReported()).isFalse();
        assertThat(tally.text()).isEmpty();
    }

    @Property(tries = 300)
    void arbitraryBytesNeverEscapeAsAnythingButIoException(@ForAll byte[] bytes) {
        for (ApiDialect dialect : new ApiDialect[] {OpenAiDialect.INSTANCE, AnthropicDialect.INSTANCE}) {
            try {
                dialect.readResponse(Buffer.buffer(bytes), new ResponseTally());
            } catch (IOException expected) {
                // a malformed answer is relayed as it is, with usage unknown
            }
        }
    }
}
