package dev.moat.screening;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Legal forms of organisations in the spellings the lists and customers use, each mapped to a
 * canonical abbreviation and a family. Two names whose legal forms come from different families
 * (an AG is not a GmbH) are less likely the same company; forms of the same family (OAO, OJSC,
 * JSC, AO) are the same thing written differently; the generic family (company, corporation,
 * limited, inc.) carries no such information and never conflicts.
 *
 * <p>Phrases are matched on normalised tokens (lower-case ASCII, dotted abbreviations already
 * joined: "S.A.R.L." arrives as {@code sarl}, "Sp. z o.o." as {@code sp z o o}).
 */
final class LegalForms {

    enum Family { GENERIC, JOINT_STOCK, LIMITED_LIABILITY, PARTNERSHIP, NON_PROFIT, STATE_ENTERPRISE }

    /** A recognised legal form. */
    record Form(String canonical, Family family) {
    }

    private static final Map<String, Form> PHRASES = new HashMap<>();
    static final int LONGEST;

    static {
        add(Family.GENERIC, "company", "company", "co", "corporation", "corp", "incorporated", "inc", "limited",
                "ltd", "pte ltd", "pte", "co ltd", "company limited", "corp ltd", "pty ltd", "pty", "pvt ltd",
                "private limited", "private limited company", "pt", "tbk", "cia", "compania", "kk", "kabushiki kaisha");
        add(Family.JOINT_STOCK, "jsc", "jsc", "joint stock company", "joint-stock company", "ao", "aktsionernoe obshchestvo",
                "aktsionernoye obshchestvo", "aktsionernaya kompaniya", "ak");
        add(Family.JOINT_STOCK, "ojsc", "ojsc", "oao", "open joint stock company", "open jsc",
                "otkrytoe aktsionernoe obshchestvo", "otkrytoye aktsionernoye obshchestvo");
        add(Family.JOINT_STOCK, "cjsc", "cjsc", "zao", "closed joint stock company", "zakrytoe aktsionernoe obshchestvo",
                "zakrytoye aktsionernoye obshchestvo");
        add(Family.JOINT_STOCK, "pjsc", "pjsc", "pao", "public joint stock company", "publichnoe aktsionernoe obshchestvo",
                "publichnoye aktsionernoye obshchestvo");
        add(Family.JOINT_STOCK, "ag", "ag", "aktiengesellschaft", "akg");
        add(Family.JOINT_STOCK, "sa", "sa", "sociedad anonima", "societe anonyme", "sa de cv", "sab de cv", "sapi de cv",
                "spa", "societa per azioni", "nv", "naamloze vennootschap", "ab", "aktiebolag", "as", "a s",
                "aktieselskab", "asa", "ca", "compania anonima", "oy", "oyj", "se", "kft", "zrt", "nyrt", "ad", "dd", "jsc co");
        add(Family.JOINT_STOCK, "plc", "plc", "public limited company", "public company limited");
        add(Family.LIMITED_LIABILITY, "llc", "llc", "limited liability company", "ooo",
                "obshchestvo s ogranichennoi otvetstvennostyu", "obshchestvo s ogranichennoy otvetstvennostyu",
                "obshestvo s ogranichennoi otvetstvennostyu", "tov", "too", "ltda", "limitada", "sp z o o", "sp z oo",
                "spolka z ograniczona odpowiedzialnoscia", "sro", "s r o", "doo", "d o o", "eood", "ood", "bv",
                "besloten vennootschap", "s de rl", "s de rl de cv", "sociedad de responsabilidad limitada", "sl");
        add(Family.LIMITED_LIABILITY, "gmbh", "gmbh", "gesellschaft mit beschrankter haftung",
                "gesellschaft mbh");
        add(Family.LIMITED_LIABILITY, "srl", "srl", "sarl", "societatea cu raspundere limitata",
                "societe a responsabilite limitee", "societa a responsabilita limitata");
        add(Family.PARTNERSHIP, "lp", "lp", "llp", "limited partnership", "limited liability partnership", "kg", "gmbh co kg",
                "ohg", "snc", "partnership");
        add(Family.NON_PROFIT, "ano", "ano", "autonomous non-profit organization", "avtonomnaya nekommercheskaya organizatsiya",
                "ngo", "nko", "ev", "gemeinnutzige");
        add(Family.STATE_ENTERPRISE, "fgup", "fgup", "gup", "mup", "federal state unitary enterprise",
                "state unitary enterprise", "federalnoe gosudarstvennoe unitarnoe predpriyatie", "sue", "fsue");
        int longest = 0;
        for (String key : PHRASES.keySet()) {
            longest = Math.max(longest, key.split(" ").length);
        }
        LONGEST = longest;
    }

    private LegalForms() {
    }

    private static void add(Family family, String canonical, String... phrases) {
        for (String p : phrases) {
            PHRASES.put(p.replace('-', ' '), new Form(canonical, family));
        }
    }

    /** The legal form spelled by these tokens exactly, if any. */
    static Optional<Form> lookup(List<String> tokens) {
        return Optional.ofNullable(PHRASES.get(String.join(" ", tokens)));
    }

    /** Short one-token forms ("as", "ad", "se", "co") are words too; they count as forms only at a name's edge. */
    static boolean ambiguousAlone(String token) {
        return token.length() <= 3;
    }
}
