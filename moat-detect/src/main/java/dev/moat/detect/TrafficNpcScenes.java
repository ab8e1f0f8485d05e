package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A game writer iterating on a scene in the studio's writing tool: a request for a conversation between the player and
 * one of the game's characters, then two to five notes of the kind writers give ("make her sound older", "cut it to
 * five lines"), each sent with the scene so far, under the studio's style bible. Written for the held-out set holdout8
 * (an ordinary kind).
 */
final class TrafficNpcScenes implements TrafficContent {

    private static final List<String> ASKS = List.of(
            "Draft a short conversation between the player and {npc}, the {role} at {place}. {mood} mood. They should "
                    + "hint at {hook} without saying it outright.",
            "Scene: the player meets {npc} ({role}) at {place} for the first time. {npc} is {mood} and worried about "
                    + "{hook}. Give me 8-12 lines.",
            "I need a quest-giver scene. {npc}, {role}, {place}. Mood: {mood}. The quest is about {hook}. Include one "
                    + "line the player can pick to refuse.");
    private static final List<String> NOTES = List.of("make them sound older", "cut it to five lines",
            "more menace in the second line", "add a player option that's sarcastic", "move the reveal to the end",
            "less exposition please", "give it a regional flavour without being cartoonish",
            "good. now a version for after the player has finished the quest", "the last line is too on the nose",
            "can the NPC interrupt the player once?", "swap the tone: same content, but funnier",
            "keep everything but make the hook vaguer");
    private static final List<String> SCENE_LINES = List.of("PLAYER: I'm looking for work.",
            "NPC: Work finds people like you soon enough.", "PLAYER: What happened here?",
            "NPC: Nothing you'd believe, and nothing I'd repeat.", "PLAYER: I can help.",
            "NPC: Everyone says that until the lanterns go out.", "NPC: Ask me again when the tide's out.");

    private final String system;
    private final int maxTokens;
    private final OptionalDouble temperature;
    private final List<UsageEvent.Message> history = new ArrayList<>();
    private int notesLeft;

    TrafficNpcScenes(String system, int maxTokens, OptionalDouble temperature) {
        this.system = system;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String userText;
        if (history.isEmpty()) {
            TrafficNpcDialogue.Npc npc = TrafficNpcDialogue.npc(random);
            userText = TrafficNpcDialogue.oneOf(ASKS, random).replace("{npc}", npc.name()).replace("{role}", npc.role())
                    .replace("{place}", npc.place()).replace("{mood}", PlanningBlocks.capitalised(npc.mood()))
                    .replace("{hook}", npc.hook());
            notesLeft = 2 + random.nextInt(4);
        } else {
            userText = TrafficNpcDialogue.oneOf(NOTES, random);
            notesLeft--;
        }
        history.add(new UsageEvent.Message("user", userText));
        RequestSummary request = new RequestSummary(Optional.of(system), List.copyOf(history), history.size(),
                maxTokens, temperature, 1, true, false, 0, 0, 0, false);
        StringBuilder scene = new StringBuilder();
        for (int i = 0, lines = 4 + random.nextInt(5); i < lines; i++) {
            scene.append(TrafficNpcDialogue.oneOf(SCENE_LINES, random)).append('\n');
        }
        String answer = scene.toString().strip();
        long completion = Math.min(maxTokens, Math.max(TrafficText.tokens(answer),
                TrafficText.tokensAround(350, 0.5, random)));
        boolean continues = notesLeft > 0;
        if (continues) {
            history.add(new UsageEvent.Message("assistant", answer));
        } else {
            history.clear();
        }
        return new TrafficExchange(request, Optional.of(answer), completion, 0, continues);
    }
}
