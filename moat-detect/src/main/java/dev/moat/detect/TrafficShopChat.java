package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A small online shop's chatbot, built on a trial by its owner with a website plug-in: a system prompt with the
 * shop's name, what it sells and its delivery and returns policy; visitors asking about stock, delivery, returns and
 * orders, a few words each, sometimes a second question; now and then a visitor asking something else entirely
 * (a human-written question). The owner's own testing sends the same kind of questions, many in a row.
 */
final class TrafficShopChat implements TrafficContent {

    /** What a shop sells, and one of its products a visitor asks about. */
    private static final List<List<String>> GOODS = List.of(List.of("hand-poured candles", "lavender candle"),
            List.of("second-hand bike parts", "road bike saddle"), List.of("loose-leaf tea", "Earl Grey"),
            List.of("handmade silver jewellery", "silver ring"), List.of("natural pet food", "puppy food"),
            List.of("hand-dyed yarn", "merino yarn"), List.of("vintage vinyl records", "Abbey Road LP"),
            List.of("houseplants and pots", "monstera"), List.of("children's wooden toys", "wooden train set"),
            List.of("specialty coffee beans", "Ethiopian roast"));
    private static final List<String> QUESTIONS = List.of(
            "Do you ship to {place}?", "how long does delivery take", "What's your return policy?",
            "Is the {item} in stock?", "can I change the address on my order #{order}?",
            "Do you have gift wrapping?", "where is my order {order}", "Do you have anything under 20?",
            "which {item} would you recommend for a present?", "hi, is the shop open at the weekend?",
            "Can I pay with PayPal?", "do you do discounts for bulk orders", "is the {item} suitable for beginners?",
            "I received a damaged item, what do I do?", "what are your opening hours");
    private static final List<String> SECOND = List.of("thanks!", "ok and how much is shipping?",
            "great, thank you", "and if it doesn't fit?", "can you send me the link?", "perfect");
    private static final List<String> PLACES = List.of("Ireland", "Canada", "Germany", "the US", "Australia",
            "Scotland", "France", "Norway");

    /** A shop as its chatbot knows it: the bot's system prompt, and one product visitors ask about. */
    record Shop(String system, String item) {
    }

    private final PromptSource prompts;
    private final Shop shop;
    private final int maxTokens;
    private final OptionalDouble temperature;
    private final List<UsageEvent.Message> history = new ArrayList<>();

    /** One conversation at a time with {@code shop}'s bot: the owner testing it, or one of its visitors. */
    TrafficShopChat(PromptSource prompts, Shop shop, int maxTokens, OptionalDouble temperature) {
        this.prompts = prompts;
        this.shop = shop;
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    /** The shop named {@code name}: what it sells and its delivery and returns policy, drawn from {@code random}. */
    static Shop shop(String name, SplittableRandom random) {
        List<String> goods = GOODS.get(random.nextInt(GOODS.size()));
        String system = "You are the shop assistant of " + name + ", a small online shop selling " + goods.getFirst()
                + ". Delivery takes " + (2 + random.nextInt(4)) + "-" + (5 + random.nextInt(5)) + " working days; "
                + "returns are accepted within " + (14 + 16 * random.nextInt(2)) + " days. Be warm and brief, and "
                + "if you don't know something, ask the customer to e-mail the shop.";
        return new Shop(system, goods.get(1));
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        String text;
        boolean continues;
        if (history.isEmpty()) {
            text = random.nextInt(12) == 0 ? prompts.pick(PromptSource.Pool.CHAT, random).text()
                    : QUESTIONS.get(random.nextInt(QUESTIONS.size()))
                    .replace("{place}", PLACES.get(random.nextInt(PLACES.size())))
                    .replace("{item}", shop.item()).replace("{order}", String.valueOf(1_000 + random.nextInt(9_000)));
            continues = random.nextInt(3) == 0;
        } else {
            text = SECOND.get(random.nextInt(SECOND.size()));
            continues = false;
        }
        history.add(new UsageEvent.Message("user", text));
        RequestSummary request = new RequestSummary(Optional.of(shop.system()), List.copyOf(history), history.size(),
                maxTokens, temperature, 1, false, false, 0, 0, 0, false);
        String answer = TrafficText.answer(random);
        long completion = Math.min(maxTokens, TrafficText.tokensAround(90, 0.5, random));
        if (continues) {
            history.add(new UsageEvent.Message("assistant", answer));
        } else {
            history.clear();
        }
        return new TrafficExchange(request, Optional.of(answer), completion, 0, continues);
    }
}
