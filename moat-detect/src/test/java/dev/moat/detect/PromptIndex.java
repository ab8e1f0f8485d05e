package dev.moat.detect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds which pools' prompts occur in a text, exactly or wrapped in a template, without a full scan. */
final class PromptIndex {
    private static final int KEY = 24;
    private final Map<String, Set<PromptSource.Pool>> exact = new HashMap<>();
    private final Map<String, List<String>> byOpening = new HashMap<>();

    PromptIndex(PromptSource prompts) {
        for (PromptSource.Pool pool : PromptSource.Pool.values()) {
            for (PromptSource.Prompt prompt : prompts.pool(pool)) {
                String text = prompt.text().strip();
                exact.computeIfAbsent(text, key -> new HashSet<>()).add(pool);
                if (text.length() >= KEY) {
                    byOpening.computeIfAbsent(text.substring(0, KEY), key -> new ArrayList<>()).add(text);
                }
            }
        }
    }

    Set<PromptSource.Pool> poolsIn(String text) {
        Set<PromptSource.Pool> found = new HashSet<>(exact.getOrDefault(text.strip(), Set.of()));
        for (String prompt : promptsIn(text)) {
            found.addAll(exact.get(prompt));
        }
        return found;
    }

    /** The prompts (of at least {@code KEY} characters) that occur in the text, exactly or inside it. */
    Set<String> promptsIn(String text) {
        Set<String> found = new HashSet<>();
        for (int i = 0; i + KEY <= text.length(); i++) {
            for (String candidate : byOpening.getOrDefault(text.substring(i, i + KEY), List.of())) {
                if (text.startsWith(candidate, i)) {
                    found.add(candidate);
                }
            }
        }
        return found;
    }
}
