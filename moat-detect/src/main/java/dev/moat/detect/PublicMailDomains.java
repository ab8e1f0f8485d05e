package dev.moat.detect;

import java.util.Locale;
import java.util.Set;

/**
 * Mail domains that anyone can sign up with: sharing one says nothing about two organisations, so they
 * are never linkage evidence.
 */
final class PublicMailDomains {

    private static final Set<String> DOMAINS = Set.of(
            "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
            "yahoo.co.uk", "yahoo.co.jp", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
            "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "yandex.ru",
            "yandex.com", "mail.ru", "qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "naver.com",
            "zoho.com", "tutanota.com", "tuta.io", "fastmail.com", "hey.com", "example.com");

    private PublicMailDomains() {
    }

    static boolean contains(String domain) {
        return DOMAINS.contains(domain.trim().toLowerCase(Locale.ROOT));
    }
}
