package dev.moat.detect;

import java.util.List;
import java.util.Optional;

/**
 * The text of one usage event — system prompt, conversation and response — apart from its numbers.
 * Content has a retention period and the numbers do not, so a store may keep the two apart and drop
 * the content alone when its time is up.
 */
public record EventContent(Optional<String> system, List<UsageEvent.Message> messages, Optional<String> text) {

    public EventContent {
        system = system == null ? Optional.empty() : system;
        messages = messages == null ? List.of() : List.copyOf(messages);
        text = text == null ? Optional.empty() : text;
    }

    /** Whether there is any text at all. */
    public boolean isEmpty() {
        return system.isEmpty() && messages.isEmpty() && text.isEmpty();
    }
}
