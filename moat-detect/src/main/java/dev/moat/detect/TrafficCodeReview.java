package dev.moat.detect;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A large company's code-review bot: its CI sends every changed file of every pull request, one request per
 * file right after the other, under one system prompt and one review template, and posts the model's JSON
 * comments on the pull request. Engineering offices on three continents keep it busy around the clock. To a
 * naive harvest detector this is code-heavy, templated, single-shot requests in rapid bursts at volume, day and
 * night, from CI runners in a hosting network; it is an ordinary developer-tools integration. The diffs are
 * written here from a few hunk shapes with the company's own names, never taken from harvesting material.
 * Written for the held-out set ordinary2.
 */
final class TrafficCodeReview implements TrafficContent {

    static final String TEMPLATE = """
            Repository: {repo}
            Pull request #{pr}: {title}
            File: {path}

            ```diff
            {diff}
            ```

            Review only the changed lines. Return a JSON array of comments \
            [{"line": n, "severity": "blocker|major|minor|nit", "comment": "..."}], or [] if the change looks good.""";
    private static final List<String> SYSTEMS = List.of(
            "You are {bot}, the automated code reviewer of {company}. Look for bugs, security problems, performance "
                    + "issues and violations of the team's style guide. Be concise and specific.",
            "You review pull requests for {company}'s engineering teams. Comment only where a change is wrong, risky "
                    + "or unclear; never restate the diff.");
    private static final List<String> BOTS = List.of("ReviewBot", "Critic", "LintLens", "PR Buddy");
    private static final List<String> REPOS = List.of("payments-service", "web-frontend", "mobile-app", "data-pipeline",
            "auth-gateway", "search-indexer", "billing-core", "infra-terraform");
    private static final List<String> TITLES = List.of("Fix null check in {name} handler", "Add retry to {name} client",
            "Refactor {name} into smaller functions", "Bump dependency versions", "Add metrics for {name}",
            "Handle timeout when calling {name}", "Remove dead feature flag {name}", "Cache {name} lookups");
    private static final List<String> NAMES = List.of("invoice", "session", "order", "customer", "token", "report",
            "shipment", "account", "refund", "profile");
    /** Hunk shapes per language: a file extension and a diff with {name}, {Name} and {n}. */
    private static final List<String[]> HUNKS = List.of(
            new String[] {"py", """
                    @@ -{n},7 +{n},9 @@ def load_{name}(db, {name}_id):
                    -    row = db.get({name}_id)
                    -    return {Name}.from_row(row)
                    +    row = db.get({name}_id)
                    +    if row is None:
                    +        raise {Name}NotFound({name}_id)
                    +    return {Name}.from_row(row)"""},
            new String[] {"java", """
                    @@ -{n},6 +{n},8 @@ public final class {Name}Client {
                    -        return http.send(request, BodyHandlers.ofString()).body();
                    +        HttpResponse<String> response = retry.call(() -> http.send(request, BodyHandlers.ofString()));
                    +        metrics.increment("{name}.calls");
                    +        return response.body();"""},
            new String[] {"ts", """
                    @@ -{n},5 +{n},7 @@ export async function fetch{Name}(id: string) {
                    -  const res = await fetch(`/api/{name}/${id}`);
                    +  const res = await fetch(`/api/{name}/${id}`, { signal: AbortSignal.timeout(5000) });
                    +  if (!res.ok) throw new Error(`{name} ${id}: ${res.status}`);
                       return res.json();"""},
            new String[] {"go", """
                    @@ -{n},6 +{n},9 @@ func (s *{Name}Store) Get(ctx context.Context, id string) (*{Name}, error) {
                    -\tv, _ := s.cache.Get(id)
                    +\tif v, ok := s.cache.Get(id); ok {
                    +\t\treturn v.(*{Name}), nil
                    +\t}
                     \trow := s.db.QueryRowContext(ctx, query{Name}, id)"""},
            new String[] {"sql", """
                    @@ -{n},3 +{n},5 @@
                    -SELECT * FROM {name}s WHERE created_at > now() - interval '7 days';
                    +SELECT id, status, amount FROM {name}s
                    +WHERE created_at > now() - interval '7 days'
                    +ORDER BY created_at DESC LIMIT 500;"""});

    private final String system;
    private final int maxTokens;
    private final double temperature;
    private String repo = "";
    private String title = "";
    private int pr;
    private int filesLeft;

    /** The bot's name, system prompt choice and settings are the company's, shared by all its keys and hubs. */
    TrafficCodeReview(String company, String bot, int systemChoice, int maxTokens, double temperature) {
        this.system = SYSTEMS.get(Math.floorMod(systemChoice, SYSTEMS.size())).replace("{bot}", bot)
                .replace("{company}", company);
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    static int systemPrompts() {
        return SYSTEMS.size();
    }

    static String bot(SplittableRandom random) {
        return BOTS.get(random.nextInt(BOTS.size()));
    }

    @Override
    public TrafficExchange next(long now, SplittableRandom random) {
        if (filesLeft == 0) {
            // a new pull request (or a new push to one): one to eight changed files
            repo = REPOS.get(random.nextInt(REPOS.size()));
            String name = NAMES.get(random.nextInt(NAMES.size()));
            title = TITLES.get(random.nextInt(TITLES.size())).replace("{name}", name);
            pr = 1_000 + random.nextInt(90_000);
            filesLeft = 1 + random.nextInt(8);
        }
        filesLeft--;
        String name = NAMES.get(random.nextInt(NAMES.size()));
        String[] hunk = HUNKS.get(random.nextInt(HUNKS.size()));
        String diff = hunk[1].replace("{Name}", Character.toUpperCase(name.charAt(0)) + name.substring(1))
                .replace("{name}", name).replace("{n}", Integer.toString(10 + random.nextInt(400)));
        String path = (hunk[0].equals("sql") ? "migrations/" : "src/") + name + "/" + name + "_" + random.nextInt(50)
                + "." + hunk[0];
        String text = TEMPLATE.replace("{repo}", repo).replace("{pr}", Integer.toString(pr)).replace("{title}", title)
                .replace("{path}", path).replace("{diff}", diff);
        RequestSummary request = new RequestSummary(Optional.of(system), List.of(new UsageEvent.Message("user", text)),
                1, maxTokens, OptionalDouble.of(temperature), 1, false, false, 0, 0, 0, false);
        String comments = random.nextInt(3) == 0 ? "[]"
                : "[{\"line\": 3, \"severity\": \"minor\", \"comment\": \"Consider logging the " + name
                        + " id here so failures can be traced.\"}]";
        long completion = Math.min(maxTokens, TrafficText.tokensAround(comments.equals("[]") ? 40 : 320, 0.6, random));
        // the files of one pull request go out one right after the other
        return new TrafficExchange(request, Optional.of(comments), completion, 0, filesLeft > 0);
    }
}
