package dev.moat.screening;

/**
 * A coarse sound key for transliterated names, built for the ways one name gets spelled in Latin
 * letters: vowels vary (Mohammed, Muhammad, Mohamed), consonants double (Hassan, Hasan), and
 * some letters and digraphs stand for one sound (ph/f, w/v, q/k, ck/k, z/s, kh/h, dh/d, th/t,
 * zh/j, sh/sch/s). The key keeps the consonant frame: a leading vowel becomes {@code a}, later
 * vowels (and y) vanish, digraphs fold, and repeated letters collapse. It is used for candidate
 * retrieval and as one signal of token similarity, never alone for a verdict.
 */
final class PhoneticKey {

    private PhoneticKey() {
    }

    static String of(String word) {
        StringBuilder out = new StringBuilder(word.length());
        int n = word.length();
        for (int i = 0; i < n; i++) {
            char c = word.charAt(i);
            char next = i + 1 < n ? word.charAt(i + 1) : 0;
            char mapped;
            if (c == 's' && next == 'c' && i + 2 < n && word.charAt(i + 2) == 'h') {
                mapped = 's';
                i += 2;
            } else if (next == 'h' && (c == 's' || c == 'z' || c == 'c' || c == 'k' || c == 'g' || c == 'p'
                    || c == 't' || c == 'd')) {
                mapped = switch (c) {
                    case 's' -> 's';
                    case 'z' -> 'j';
                    case 'c' -> 'c';
                    case 'k' -> 'h';
                    case 'g' -> 'g';
                    case 'p' -> 'f';
                    case 't' -> 't';
                    default -> 'd';
                };
                i++;
            } else if (c == 'c' && next == 'k') {
                mapped = 'k';
                i++;
            } else if (c == 't' && (next == 's' || next == 'z')) {
                mapped = 'c';
                i++;
            } else {
                mapped = switch (c) {
                    case 'w' -> 'v';
                    case 'q' -> 'k';
                    case 'z' -> 's';
                    case 'x' -> 's';
                    case 'a', 'e', 'i', 'o', 'u', 'y' -> out.isEmpty() ? 'a' : 0;
                    default -> c;
                };
            }
            if (mapped != 0 && (out.isEmpty() || out.charAt(out.length() - 1) != mapped)) {
                out.append(mapped);
            }
        }
        return out.toString();
    }
}
