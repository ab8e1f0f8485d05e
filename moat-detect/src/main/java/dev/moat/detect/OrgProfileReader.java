package dev.moat.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the organisation file of {@code moat analyze}: JSON Lines of
 * {@code {"org_id","created_at","country","tier","payment_fingerprint","email_domain","signup_ip"}}.
 * Only {@code org_id} is required; unknown fields are skipped.
 */
public final class OrgProfileReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private OrgProfileReader() {
    }

    public static List<OrgProfile> read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read organisation file " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<OrgProfile> read(Reader reader, String source) {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<OrgProfile> orgs = new ArrayList<>();
        long lineNumber = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    orgs.add(parse(line));
                } catch (EventFormatException | IllegalArgumentException e) {
                    throw new EventFormatException(source + " line " + lineNumber + ": " + e.getMessage()
                            + " (expected: one organisation object per line with at least \"org_id\")", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + " after line " + lineNumber, e);
        }
        return orgs;
    }

    public static OrgProfile parse(String line) {
        try (JsonParser in = JSON.createParser(line)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new EventFormatException("organisation: not a JSON object");
            }
            String orgId = null;
            Optional<Instant> createdAt = Optional.empty();
            Optional<String> country = Optional.empty(), tier = Optional.empty(), payment = Optional.empty();
            Optional<String> emailDomain = Optional.empty(), signupIp = Optional.empty();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = in.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (value != JsonToken.VALUE_STRING) {
                    in.skipChildren();
                    if (isKnown(field)) {
                        throw new EventFormatException(field + ": expected a string, got " + value);
                    }
                    continue;
                }
                String text = in.getText();
                switch (field) {
                    case "org_id" -> orgId = text;
                    case "created_at" -> createdAt = Optional.of(instant(text));
                    case "country" -> country = Optional.of(text);
                    case "tier" -> tier = Optional.of(text);
                    case "payment_fingerprint" -> payment = Optional.of(text);
                    case "email_domain" -> emailDomain = Optional.of(text);
                    case "signup_ip" -> signupIp = Optional.of(text);
                    default -> { }
                }
            }
            if (orgId == null) {
                throw new EventFormatException("organisation: missing field \"org_id\"");
            }
            return new OrgProfile(orgId, createdAt, country, tier, payment, emailDomain, signupIp);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("organisation: invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isKnown(String field) {
        return switch (field) {
            case "org_id", "created_at", "country", "tier", "payment_fingerprint", "email_domain", "signup_ip" -> true;
            default -> false;
        };
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new EventFormatException("created_at: \"" + text + "\" is not an ISO-8601 UTC timestamp", e);
        }
    }
}
