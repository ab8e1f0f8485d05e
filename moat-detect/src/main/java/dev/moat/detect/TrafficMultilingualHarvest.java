package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A distiller building a multilingual training set, behind the look of a localisation workload: each item
 * of its material goes out with an instruction written in one of its target languages — either "answer
 * this in full, in language X" or "translate this task into X, then solve it in X". No English template
 * wording surrounds the items, the instruction's language rotates from request to request, and the
 * instruction sits before or after the item, so the requests share no skeleton a template counter could
 * settle on. The instructions are written here for this held-out variant.
 */
final class TrafficMultilingualHarvest implements TrafficContent {

    /** One target language: the instruction to answer in it, and the one to translate into it and solve. */
    record Language(String code, String answer, String translateAndSolve) {
    }

    static final List<Language> LANGUAGES = List.of(
            new Language("fr", "Réponds en français, de façon complète et détaillée :",
                    "Traduis cette consigne en français, puis réponds-y entièrement en français :"),
            new Language("de", "Antworte auf Deutsch, vollständig und ausführlich:",
                    "Übersetze die folgende Aufgabe ins Deutsche und löse sie danach auf Deutsch:"),
            new Language("es", "Responde en español, de forma completa y detallada:",
                    "Traduce la siguiente tarea al español y luego resuélvela en español:"),
            new Language("pt", "Responda em português, de forma completa:",
                    "Traduza a tarefa abaixo para o português e depois resolva-a em português:"),
            new Language("it", "Rispondi in italiano, in modo completo ed esauriente:",
                    "Traduci il compito seguente in italiano, poi svolgilo in italiano:"),
            new Language("nl", "Antwoord in het Nederlands, volledig en uitgebreid:",
                    "Vertaal de volgende opdracht naar het Nederlands en los hem daarna in het Nederlands op:"),
            new Language("pl", "Odpowiedz po polsku, wyczerpująco i szczegółowo:",
                    "Przetłumacz poniższe zadanie na polski, a potem rozwiąż je po polsku:"),
            new Language("tr", "Türkçe olarak eksiksiz ve ayrıntılı yanıtla:",
                    "Aşağıdaki görevi Türkçeye çevir ve ardından Türkçe olarak çöz:"),
            new Language("ru", "Ответь по-русски, полно и подробно:",
                    "Переведи задание на русский язык и выполни его по-русски:"),
            new Language("ja", "日本語で、詳しく丁寧に答えてください：",
                    "次の課題を日本語に翻訳し、そのあと日本語で解いてください："),
            new Language("ko", "한국어로 자세하고 완전하게 답하세요:",
                    "다음 과제를 한국어로 번역한 뒤 한국어로 풀어 주세요:"),
            new Language("zh", "请用中文完整、详细地回答：",
                    "请先把下面的任务翻译成中文，然后用中文完成："),
            new Language("id", "Jawab dalam bahasa Indonesia secara lengkap dan rinci:",
                    "Terjemahkan tugas berikut ke bahasa Indonesia, lalu kerjakan dalam bahasa Indonesia:"),
            new Language("vi", "Trả lời bằng tiếng Việt, đầy đủ và chi tiết:",
                    "Dịch nhiệm vụ sau sang tiếng Việt rồi giải nó bằng tiếng Việt:"));

    private static final List<String> SYSTEMS = List.of(
            "You are a professional localisation assistant. Always write natural, fluent text in the requested language.",
            "You are a multilingual assistant for an international content team.",
            "Write in the language the user asks for. Keep technical terms, code and numbers unchanged.");

    private static final int MAX_ANSWER_CHARS = 1_500;

    private final PromptSource prompts;
    private final List<PromptSource.Pool> pools;
    private final List<Language> languages;
    private final Optional<String> system;
    private final double translateShare;
    private final int maxTokens;
    private final OptionalDouble temperature;

    /** @param languages the campaign's target languages, drawn from {@link #LANGUAGES} */
    TrafficMultilingualHarvest(PromptSource prompts, List<PromptSource.Pool> pools, List<Language> languages,
                               int maxTokens, SplittableRandom random) {
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("languages: empty (expected: the campaign's target languages)");
        }
        this.prompts = prompts;
        this.pools = PromptSource.Pool.harvestingOnly(pools);
        this.languages = List.copyOf(languages);
        this.system = random.nextInt(4) == 0 ? Optional.empty()
                : Optional.of(SYSTEMS.get(random.nextInt(SYSTEMS.size())));
        this.translateShare = 0.2 + 0.3 * random.nextDouble();
        this.maxTokens = maxTokens;
        this.temperature = random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(0.3);
    }

    /** {@code count} distinct target languages. */
    static List<Language> draw(int count, SplittableRandom random) {
        List<Language> pool = new ArrayList<>(LANGUAGES);
        List<Language> chosen = new ArrayList<>();
        while (chosen.size() < Math.min(count, LANGUAGES.size())) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        PromptSource.Prompt item = prompts.pick(pools, random);
        Language language = languages.get(random.nextInt(languages.size()));
        String instruction = random.nextDouble() < translateShare ? language.translateAndSolve() : language.answer();
        String text = random.nextBoolean() ? instruction + "\n\n" + item.text().strip()
                : item.text().strip() + "\n\n" + instruction;
        RequestSummary request = new RequestSummary(system, List.of(new UsageEvent.Message("user", text)), 1,
                maxTokens, temperature, 1, random.nextBoolean(), false, 0, 0, 0, false);
        String answer = TrafficText.clip(item.reference().orElse(""), MAX_ANSWER_CHARS);
        // text outside English costs more tokens per character: the answer is longer in tokens than its source
        long completion = Math.max(TrafficText.tokens(answer), TrafficText.tokensAround(900, 0.5, random));
        return new TrafficExchange(request, Optional.of(answer), Math.min(maxTokens, completion), 0, false);
    }
}
