package dev.moat.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * One end user of a SaaS company's support-deflection bot: the widget in the product relays, from the
 * company's servers, the customer's question (in the customer's language) under one long system prompt that
 * carries the help-centre articles, and the customer may follow up once or twice. The same few dozen
 * questions come back all day, every day, from customers in every time zone. To a naive harvest detector
 * this is one key, one system prompt, near-duplicate short requests around the clock from a hosting
 * network; it is a helpdesk. Written for the held-out set ordinary2.
 */
final class TrafficSupportBot implements TrafficContent {

    static final String SYSTEM = """
            You are the support assistant of {product}, {category}. Answer only questions about {product}, \
            using the help-centre articles below. Reply in the customer's language. If the articles do not \
            solve the problem, offer to open a ticket with a human agent.

            Help centre:
            - Billing: invoices are under Settings > Billing; plans renew monthly; refunds within 14 days.
            - Login: reset your password from the sign-in page; two-factor codes expire after 30 seconds.
            - Team: owners invite members under Settings > Team; seats are billed per active member.
            - Data: export to CSV from any list view; imports accept CSV up to 50 MB.
            - Integrations: Slack, Google Workspace and Zapier connect under Settings > Integrations.""";
    private static final List<String> PRODUCTS = List.of("Shiftly", "Invoicea", "Deskbird", "Formcraft",
            "Routewise", "Bookwell");
    private static final List<String> CATEGORIES = List.of("a staff scheduling app", "an invoicing tool",
            "a help-desk platform", "an online form builder", "a delivery route planner", "a booking system");
    /** What customers ask, by language; {n} is a number of their own (an invoice, a seat count, a file size). */
    static final Map<String, List<String>> QUESTIONS = Map.of(
            "en", List.of("How do I reset my password?", "I was charged twice this month, invoice {n}. Why?",
                    "how can i export all my data to excel", "Can I get a refund? I cancelled {n} days ago.",
                    "my 2fa code doesnt work", "How do I add a new team member?", "The import fails with my CSV file",
                    "Does it work with Slack?", "how do i change the billing email", "why am i billed for {n} seats",
                    "Where can I download last month's invoice?", "I can't log in since this morning",
                    "Is there a way to undo a deleted entry?", "How do I cancel my subscription?"),
            "de", List.of("Wie kann ich mein Passwort zurücksetzen?", "Mir wurde diesen Monat doppelt abgebucht.",
                    "Wie exportiere ich meine Daten als CSV?", "Wie füge ich ein Teammitglied hinzu?"),
            "fr", List.of("Comment réinitialiser mon mot de passe ?", "Je ne reçois pas le code de vérification",
                    "Comment télécharger ma facture ?", "Pourquoi suis-je facturé pour {n} utilisateurs ?"),
            "es", List.of("¿Cómo restablezco mi contraseña?", "Me cobraron dos veces, factura {n}",
                    "¿Cómo exporto mis datos?", "¿Cómo cancelo mi suscripción?"),
            "pt", List.of("Como redefinir minha senha?", "Não consigo entrar na minha conta",
                    "Como adiciono um membro à equipe?"),
            "ja", List.of("パスワードをリセットするにはどうすればいいですか？", "請求書はどこでダウンロードできますか？",
                    "チームメンバーを追加する方法を教えてください"));
    private static final Map<String, List<String>> FOLLOW_UPS = Map.of(
            "en", List.of("that didn't work", "ok thanks!", "can I talk to a human?", "where exactly is that setting?",
                    "I don't see that option", "it still says error {n}"),
            "de", List.of("Das hat nicht funktioniert.", "Danke!", "Kann ich mit einem Menschen sprechen?"),
            "fr", List.of("Ça ne marche pas.", "Merci !", "Je voudrais parler à quelqu'un."),
            "es", List.of("No funcionó.", "¡Gracias!", "¿Puedo hablar con una persona?"),
            "pt", List.of("Não funcionou.", "Obrigado!"),
            "ja", List.of("うまくいきませんでした。", "ありがとうございます！"));
    private static final List<String> LANGUAGES = List.of("en", "en", "en", "en", "en", "de", "fr", "es", "pt", "ja");
    private static final int MAX_ANSWER_CHARS = 500;

    private final String system;
    private final String language;
    private final int maxTokens;
    private final List<UsageEvent.Message> history = new ArrayList<>();
    private int followUpsLeft;

    /** @param product the company's product choice; the end user's language is drawn here */
    TrafficSupportBot(int product, int maxTokens, SplittableRandom random) {
        int choice = Math.floorMod(product, PRODUCTS.size());
        this.system = SYSTEM.replace("{product}", PRODUCTS.get(choice)).replace("{category}", CATEGORIES.get(choice));
        this.language = LANGUAGES.get(random.nextInt(LANGUAGES.size()));
        this.maxTokens = maxTokens;
    }

    static int products() {
        return PRODUCTS.size();
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        List<String> pool;
        if (history.isEmpty()) {
            pool = QUESTIONS.get(language);
            followUpsLeft = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0;
        } else {
            pool = FOLLOW_UPS.get(language);
            followUpsLeft--;
        }
        String text = pool.get(random.nextInt(pool.size())).replace("{n}", Integer.toString(2 + random.nextInt(9_000)));
        history.add(new UsageEvent.Message("user", text));
        RequestSummary request = new RequestSummary(Optional.of(system), List.copyOf(history), history.size(),
                maxTokens, OptionalDouble.of(0.2), 1, true, false, 0, 0, 0, false);
        String answer = TrafficText.clip(TrafficText.answer(random), MAX_ANSWER_CHARS);
        long completion = Math.min(maxTokens, TrafficText.tokensAround(140, 0.5, random));
        boolean continues = followUpsLeft > 0;
        if (continues) {
            history.add(new UsageEvent.Message("assistant", answer));
        } else {
            history.clear();
        }
        return new TrafficExchange(request, Optional.of(answer), completion, 0, continues);
    }
}
