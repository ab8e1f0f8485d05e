package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A synthetic-dialogue factory in which the model plays both sides (the way multi-turn chat datasets are built by
 * self-chat): a conversation opens with an item of the campaign's material and its answer; then, turn after turn,
 * one request gives the model the transcript and asks it to write the <em>user's</em> next message, and the next
 * request sends that message with the whole conversation for the assistant's answer. Every follow-up is therefore new
 * wording tied to what was just said — no fixed follow-up list, no template repeated across conversations — and what
 * is harvested is deep conversations: the opening answer, each model-written question and each answer.
 *
 * <p>The role-play instructions of the user side are assembled per organisation ({@link #userSide}); the follow-ups
 * the model writes are stood in for by questions assembled from phrase lists around a quotation of the answer they
 * follow. Written for the held-out set holdout8.
 */
final class TrafficSelfChat implements TrafficContent {

    /** How the factory asks for the user's next message: who the simulated user is, and how they write. */
    record UserSide(String system, String framing, int maxTokens) {
    }

    private static final List<String> PERSONAS = List.of("a curious university student", "a software developer",
            "a small-business owner", "a hobbyist who likes to dig into details", "a new employee learning the ropes",
            "a retired engineer", "a high-school teacher preparing a lesson");
    private static final List<String> STYLES = List.of("one or two natural sentences",
            "a short, specific question that builds on the last answer", "casual, sometimes a little impatient",
            "polite and precise, pushing for depth", "the way people really type in a chat box");
    private static final List<String> FRAMINGS = List.of(
            "Conversation so far:\n\n{transcript}\n\nWrite the user's next message.",
            "<conversation>\n{transcript}\n</conversation>\nReply with the next user turn only.",
            "### Transcript\n{transcript}\n### Task\nContinue as the user. One message, no quotes.",
            "{transcript}\n\n---\nWhat would this user say next?");
    private static final List<String> LEADS = List.of("", "", "Interesting. ", "Hmm, ", "Thanks, that helps. ",
            "Wait, ", "OK but ", "Nice. ", "Got it. ");
    private static final List<String> ANCHORS = List.of("You said \"{quote}\" — ", "About \"{quote}\": ",
            "When you mention \"{quote}\", ", "Going back to \"{quote}\", ");
    private static final List<String> QUESTIONS = List.of("why does that hold?",
            "what would change if the numbers were much larger?", "how would this look in a real project?",
            "can you give a harder variant of this?",
            "what is the most common mistake people make here?", "is there a shorter way to get there?",
            "how would you test that it's right?", "what should I learn next after this?",
            "could you do the same for a slightly different case?", "what are the trade-offs of doing it that way?",
            "how would you say this to a complete beginner?", "what if one of the assumptions is wrong?",
            "can you turn that into a checklist I can reuse?", "which part of this is the hardest to get right?",
            "how does this connect to the bigger picture?");
    private static final int MAX_ANSWER_CHARS = 1_500;
    private static final int TRANSCRIPT_ANSWER_CHARS = 600;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final UserSide userSide;
    private final int maxTokens;
    private final OptionalDouble temperature;
    private final List<UsageEvent.Message> conversation = new ArrayList<>();
    private boolean userTurnNext;
    private int userTurnsLeft;

    /**
     * @param userSide  the organisation's instructions for the user side
     * @param maxTokens the assistant side's completion budget
     */
    TrafficSelfChat(PromptSource prompts, List<PromptSource.Pool> pools, UserSide userSide, int maxTokens,
                    OptionalDouble temperature) {
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.userSide = userSide;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    /** One organisation's user side: a persona and a writing style in a role-play instruction, a framing, a budget. */
    static UserSide userSide(SplittableRandom random) {
        String system = "You are role-playing " + oneOf(PERSONAS, random) + " chatting with an AI assistant. Read the "
                + "conversation and write only the user's next message: " + oneOf(STYLES, random) + ".";
        return new UserSide(system, oneOf(FRAMINGS, random), List.of(96, 128, 200).get(random.nextInt(3)));
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        if (conversation.isEmpty()) {
            PromptSource.Prompt item = prompts.pick(pools, random);
            conversation.add(new UsageEvent.Message("user", item.text().strip()));
            userTurnsLeft = 2 + random.nextInt(4);
            return answer(TrafficText.clip(item.reference().orElse(""), MAX_ANSWER_CHARS), 650, random);
        }
        if (userTurnNext) {
            return writeUserTurn(random);
        }
        userTurnsLeft--;
        return answer(TrafficText.answer(random), 450, random);
    }

    /** The assistant side: the whole conversation, ending in a user message, and its answer. */
    private TrafficExchange answer(String answer, double median, SplittableRandom random) {
        RequestSummary request = new RequestSummary(Optional.empty(), List.copyOf(conversation), conversation.size(),
                maxTokens, temperature, 1, random.nextBoolean(), false, 0, 0, 0, false);
        long completion = Math.min(maxTokens,
                Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(median, 0.6, random)));
        boolean continues = userTurnsLeft > 0;
        if (continues) {
            conversation.add(new UsageEvent.Message("assistant", answer));
            userTurnNext = true;
        } else {
            conversation.clear();
        }
        return new TrafficExchange(request, Optional.of(answer), completion, 0, continues);
    }

    /** The user side: the transcript in the organisation's framing, and the model's question. */
    private TrafficExchange writeUserTurn(SplittableRandom random) {
        StringBuilder transcript = new StringBuilder();
        for (UsageEvent.Message message : conversation) {
            boolean user = message.role().equals("user");
            // the opening item stays whole (it is what the conversation is about); answers are cut short
            String text = user ? message.content() : TrafficText.clip(message.content(), TRANSCRIPT_ANSWER_CHARS);
            transcript.append(user ? "User: " : "Assistant: ").append(text).append("\n\n");
        }
        String prompt = userSide.framing().replace("{transcript}", transcript.toString().strip());
        RequestSummary request = new RequestSummary(Optional.of(userSide.system()),
                List.of(new UsageEvent.Message("user", prompt)), 1, userSide.maxTokens(), OptionalDouble.of(1.0), 1,
                false, false, 0, 0, 0, false);
        String question = question(conversation.getLast().content(), random);
        conversation.add(new UsageEvent.Message("user", question));
        userTurnNext = false;
        long completion = Math.min(userSide.maxTokens(),
                Math.max(TrafficText.tokens(question), TrafficText.tokensAround(35, 0.4, random)));
        return new TrafficExchange(request, Optional.of(question), completion, 0, true);
    }

    /**
     * A follow-up tied to the answer it follows: a lead, a quotation of a few of its words (when it has enough of
     * them), and a question.
     */
    static String question(String answer, SplittableRandom random) {
        String[] words = answer.strip().split("\\s+");
        String anchor = oneOf(ANCHORS, random);
        if (words.length >= 4) {
            int length = Math.min(words.length, 3 + random.nextInt(5));
            int from = random.nextInt(words.length - length + 1);
            anchor = anchor.replace("{quote}", String.join(" ", List.of(words).subList(from, from + length)));
        } else {
            anchor = "";
        }
        String question = oneOf(QUESTIONS, random);
        String lead = oneOf(LEADS, random);
        String rest = anchor + question;
        // after "Hmm, " or "OK but " the sentence goes on in lower case; otherwise it starts with a capital
        boolean midSentence = lead.endsWith(", ") || lead.endsWith("but ");
        char first = midSentence ? Character.toLowerCase(rest.charAt(0)) : Character.toUpperCase(rest.charAt(0));
        return lead + first + rest.substring(1);
    }

    private static String oneOf(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
