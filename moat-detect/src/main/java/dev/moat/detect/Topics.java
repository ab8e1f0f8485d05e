package dev.moat.detect;

import java.util.List;

/**
 * A coarse topic for each prompt from indicative words, enough to tell broad use (a chat product, a
 * RAG app) from systematic coverage of one capability (thousands of maths problems, thousands of
 * coding tasks). Deliberately small: breadth versus depth needs only the share of the top topic.
 */
final class Topics {

    static final int GENERAL = 0;
    static final int MATH = 1;
    static final int CODE = 2;
    static final int WRITING = 3;
    static final int SCIENCE = 4;
    static final int BUSINESS = 5;
    static final int COUNT = 6;

    private static final LongIntMap WORDS = build();

    private Topics() {
    }

    static int of(long wordHash) {
        return WORDS.get(wordHash);
    }

    static String name(int topic) {
        return switch (topic) {
            case MATH -> "maths";
            case CODE -> "code";
            case WRITING -> "writing";
            case SCIENCE -> "science";
            case BUSINESS -> "business";
            default -> "general";
        };
    }

    private static LongIntMap build() {
        LongIntMap map = new LongIntMap(512);
        add(map, MATH, List.of("solve", "equation", "calculate", "compute", "sum", "total", "percent", "percentage",
                "fraction", "integer", "integers", "probability", "average", "ratio",
                "multiply", "divide", "remainder", "prime", "triangle", "area", "perimeter", "derivative",
                "integral", "polynomial", "algebra", "geometry", "theorem", "proof", "dollars", "cost", "costs",
                "minutes", "hours", "each", "twice", "half", "profit", "mathematics", "math", "arithmetic"));
        add(map, CODE, List.of("function", "code", "python", "java", "javascript", "typescript", "sql", "class",
                "method", "bug", "compile", "implement", "implementation", "algorithm", "array", "string",
                "variable", "loop", "api", "json", "regex", "script", "program", "debug", "refactor", "test",
                "unit", "return", "def", "import", "error", "exception", "library", "repository", "git",
                "rust", "golang", "html", "css", "query", "database", "tool", "file"));
        add(map, WRITING, List.of("write", "essay", "poem", "story", "email", "letter", "rewrite", "paraphrase",
                "summarize", "summarise", "summary", "tone", "paragraph", "blog", "article", "draft", "edit",
                "grammar", "sentence", "headline", "slogan", "tweet", "caption", "novel", "character", "lyrics"));
        add(map, SCIENCE, List.of("physics", "chemistry", "biology", "molecule", "cell", "energy", "force",
                "atom", "evolution", "climate", "planet", "experiment", "hypothesis", "reaction", "gene",
                "protein", "quantum", "gravity", "species", "disease", "medicine", "symptoms"));
        add(map, BUSINESS, List.of("customer", "market", "marketing", "sales", "revenue", "product", "invoice",
                "contract", "company", "strategy", "business", "ticket", "support", "order", "refund",
                "policy", "report", "meeting", "budget", "employee", "hiring", "startup", "pricing"));
        return map;
    }

    private static void add(LongIntMap map, int topic, List<String> words) {
        long[] hashes = new long[4];
        for (String word : words) {
            if (TextTokens.wordHashes(word, hashes) == 1 && map.get(hashes[0]) == 0) {
                map.or(hashes[0], topic);
            }
        }
    }
}
