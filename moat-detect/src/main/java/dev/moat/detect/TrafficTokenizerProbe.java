package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * The tokenizer and the chat template measured from the usage the API reports: each request is a crafted string —
 * a character or a short unit repeated n times, numbers of every length and format, runs of one script (Latin with
 * diacritics, Cyrillic, Greek, CJK, Arabic, Devanagari, emoji), code punctuation and whitespace, words in every casing,
 * a slice of natural text cut at an arbitrary character, or the same few characters spread over one to six messages
 * with and without a system prompt — sent with a budget of one token, so that each answer costs one token and the
 * {@code usage.prompt_tokens} it reports tells how the string was split (and how much each message and the system
 * prompt add). Now and then a long run of thousands of characters measures the context's behaviour. A key works
 * through its own families of strings. Written for the held-out set holdout14.
 */
final class TrafficTokenizerProbe implements TrafficContent {

    /** The families of strings a key can work through. */
    enum Family { REPEATS, NUMBERS, SCRIPTS, CODE, WORDS, SLICES, TEMPLATE }

    private static final List<String> UNITS = List.of("a", " ", "ab", "\n", "0", "the ", "🙂", "的", "é", "..", "-",
            "\t", "ä", "ﬁ", "||", "Ω");
    private static final List<String> SCRIPTS = List.of("àáâãäåæçèéêëìíîïñòóôõöøùúûüý", "абвгдежзийклмнопрстуфхцчшщыэюя",
            "αβγδεζηθικλμνξοπρστυφχψω", "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学",
            "ابتثجحخدذرزسشصضطظعغفقكلمنهوي", "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह",
            "😀😂🥲😍🤔🙄😴🤯🥳😎👍🙏🔥✨🎉💡");
    private static final List<String> CODE = List.of("{", "}", "(", ")", "=>", "->", "::", "==", "!=", "<=", "```", "    ",
            "\t", ";", "//", "/*", "*/", "#", "<div>", "</div>", "self.", "def ", "return ", "0x", "\\n", "\"\"\"", "&&",
            "||", "[]", "{}", "</s>", "<|", "|>", "@@");
    private static final List<String> WORDS = List.of("hello", "world", "token", "model", "distribution", "internationalization",
            "unbelievable", "antidisestablishmentarianism", "Python", "tokenizer", "GPT", "Claude", "llama", "London",
            "naïve", "café", "résumé", "don't", "it's", "U.S.A.", "e-mail", "COVID-19", "ChatGPT", "JavaScript",
            "https", "www", "github", "Mr.", "okay", "yes");
    private static final List<String> ANSWERS = List.of("The", "I", "Hello", "It", "This", "\n", "Sure", "Here", "A",
            "Yes", "1", "```");

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final List<Family> families;
    private final OptionalDouble temperature;
    private final Optional<String> systemProbe;
    private final boolean longRuns;

    /**
     * @param families    the families of strings this key works through
     * @param systemProbe the system prompt its template probes add now and then
     * @param longRuns    whether the key also sends a long run now and then (one request in fifty)
     */
    TrafficTokenizerProbe(PromptSource prompts, List<PromptSource.Pool> pools, List<Family> families,
                          OptionalDouble temperature, Optional<String> systemProbe, boolean longRuns) {
        if (families.isEmpty()) {
            throw new IllegalArgumentException("families: empty (expected: at least one family of strings)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.families = List.copyOf(families);
        this.temperature = temperature;
        this.systemProbe = systemProbe;
        this.longRuns = longRuns;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        Family family = families.get(random.nextInt(families.size()));
        Optional<String> system = Optional.empty();
        List<UsageEvent.Message> messages = new ArrayList<>();
        switch (family) {
            case REPEATS -> messages.add(user(pick(UNITS, random).repeat(1 + random.nextInt(64))));
            case NUMBERS -> messages.add(user(number(random)));
            case SCRIPTS -> {
                int[] script = pick(SCRIPTS, random).codePoints().toArray();
                StringBuilder text = new StringBuilder();
                for (int i = 0, length = 1 + random.nextInt(24); i < length; i++) {
                    text.appendCodePoint(script[random.nextInt(script.length)]);
                }
                messages.add(user(text.toString()));
            }
            case CODE -> {
                StringBuilder text = new StringBuilder();
                for (int i = 0, length = 1 + random.nextInt(12); i < length; i++) {
                    text.append(pick(CODE, random));
                }
                messages.add(user(text.toString()));
            }
            case WORDS -> {
                List<String> words = new ArrayList<>();
                for (int i = 0, length = 1 + random.nextInt(6); i < length; i++) {
                    String word = pick(WORDS, random);
                    words.add(switch (random.nextInt(4)) {
                        case 0 -> word.toUpperCase(java.util.Locale.ROOT);
                        case 1 -> Character.toUpperCase(word.charAt(0)) + word.substring(1);
                        default -> word;
                    });
                }
                messages.add(user((random.nextBoolean() ? " " : "") + String.join(random.nextBoolean() ? " " : "",
                        words)));
            }
            case SLICES -> {
                String text = prompts.pick(pools, random).text();
                int from = random.nextInt(Math.max(1, text.length()));
                int to = Math.min(text.length(), from + 1 + random.nextInt(200));
                messages.add(user(text.substring(from, to)));
            }
            case TEMPLATE -> {
                // the same few characters over one to six messages, with or without a system prompt: the overhead of
                // each message and of the system prompt is the difference in the prompt tokens reported
                String unit = pick(UNITS, random);
                int count = 1 + random.nextInt(6);
                for (int i = 0; i < count; i++) {
                    messages.add(new UsageEvent.Message(i % 2 == 0 ? "user" : "assistant", unit));
                }
                if (count % 2 == 0) {
                    messages.add(user(unit));
                }
                if (random.nextBoolean()) {
                    system = systemProbe;
                }
            }
        }
        if (longRuns && random.nextInt(50) == 0) {
            // now and then a long run instead: how the context behaves towards its limit
            messages = List.of(user(pick(UNITS, random).repeat(1_000 + random.nextInt(8_000))));
            system = Optional.empty();
        }
        RequestSummary request = new RequestSummary(system, messages, messages.size(), 1, temperature, 1, false, false,
                0, 0, 0, false);
        return new TrafficExchange(request, Optional.of(pick(ANSWERS, random)), 1, 0, false);
    }

    private static String number(SplittableRandom random) {
        int digits = 1 + random.nextInt(18);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            text.append((char) ('0' + (i == 0 && digits > 1 ? 1 + random.nextInt(9) : random.nextInt(10))));
        }
        return switch (random.nextInt(5)) {
            case 0 -> text.insert(Math.max(1, digits / 2), '.').toString();
            case 1 -> String.format(java.util.Locale.ROOT, "%,d", Long.parseLong(text.toString()));
            case 2 -> "-" + text;
            default -> text.toString();
        };
    }

    private static UsageEvent.Message user(String text) {
        return new UsageEvent.Message("user", text);
    }

    private static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }
}
