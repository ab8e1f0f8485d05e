package dev.moat.screening;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Restricted-party lists loaded into memory, ready to screen names against. This is the entry
 * point of the module:
 * <pre>{@code
 * ScreeningIndex lists = ScreeningIndex.load(List.of(Path.of("lists")), ScreeningSettings.DEFAULTS);
 * ScreeningDecision d = lists.screen(ScreeningQuery.of("Banco Nacional de Cuba").withType(EntityType.ORGANIZATION));
 * OrganisationDecision o = lists.screenOrganisation(profile);   // owners and the 50 % rule
 * }</pre>
 * A screening normalises the query once, retrieves candidate names from the {@link NameIndex}
 * (never a scan of the whole list), scores each with the {@link NameMatcher}, keeps each entry's
 * best-scoring name, adjusts by {@link SupportingFacts}, and decides: {@code block} at or above
 * the block threshold, {@code review} at or above the review threshold, else {@code clear}.
 *
 * <p>Immutable and thread-safe: build one when the lists change and share it; swap the
 * reference to re-screen against new lists.
 */
public final class ScreeningIndex {

    private final List<ListedEntity> entities;
    private final LoadReport report;
    private final ScreeningSettings settings;
    private final NameIndex names;
    private final Map<String, List<Integer>> byIdentifier;
    private final NameMatcher matcher;

    private ScreeningIndex(List<ListedEntity> entities, LoadReport report, ScreeningSettings settings) {
        this.entities = List.copyOf(entities);
        this.report = Objects.requireNonNull(report, "report");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.names = new NameIndex(this.entities);
        this.matcher = new NameMatcher(settings);
        Map<String, List<Integer>> ids = new HashMap<>();
        for (int e = 0; e < this.entities.size(); e++) {
            for (Identifier id : this.entities.get(e).identifiers()) {
                String value = id.comparableValue();
                if (value.length() >= 5) {
                    ids.computeIfAbsent(value, k -> new ArrayList<>()).add(e);
                }
            }
        }
        this.byIdentifier = Map.copyOf(ids);
    }

    /**
     * Loads the lists in these files and directories (see {@link ListLoader}) and indexes them.
     *
     * @throws ListFormatException when a path is missing or not a list
     */
    public static ScreeningIndex load(List<Path> paths, ScreeningSettings settings) {
        LoadedLists loaded = ListLoader.load(paths);
        return new ScreeningIndex(loaded.entities(), loaded.report(), settings);
    }

    /** Indexes entries already in memory (tests, or lists read elsewhere). */
    public static ScreeningIndex of(List<ListedEntity> entities, ScreeningSettings settings) {
        return new ScreeningIndex(entities, new LoadReport(List.of(), List.of(), entities.size()), settings);
    }

    public LoadReport loadReport() {
        return report;
    }

    public ScreeningSettings settings() {
        return settings;
    }

    /** Number of listed entries. */
    public int size() {
        return entities.size();
    }

    public List<ListedEntity> entities() {
        return entities;
    }

    /** Screens a name with nothing else known. */
    public ScreeningDecision screen(String name) {
        return screen(ScreeningQuery.of(name));
    }

    /** Screens one subject against every loaded list. */
    public ScreeningDecision screen(ScreeningQuery query) {
        Objects.requireNonNull(query, "query");
        NormalisedName normalised = NameNormaliser.normalise(query.name(), query.type());
        // A query of unknown type is read the way each candidate's own type is read (a person's
        // "SURNAME, Given" order, an organisation's legal forms), so it compares like with like.
        Map<EntityType, NormalisedName> asType = new java.util.EnumMap<>(EntityType.class);
        Map<Integer, ScreeningMatch> best = new LinkedHashMap<>();
        for (int id : names.candidates(normalised, settings.maxCandidates())) {
            int e = names.owner(id);
            ListedEntity entity = entities.get(e);
            Optional<EntityType> type = query.type().or(() -> Optional.of(entity.type()));
            NormalisedName q = query.type().isPresent() ? normalised
                    : asType.computeIfAbsent(entity.type(), t -> NameNormaliser.normalise(query.name(), Optional.of(t)));
            NameComparison c = NameScorer.compare(q, names.name(id), type, settings.matchThreshold());
            ScreeningMatch current = best.get(e);
            if (current == null || c.score() > current.nameScore()) {
                best.put(e, match(query, entity, names.name(id).original(), c));
            }
        }
        for (Identifier id : query.identifiers()) {
            for (int e : byIdentifier.getOrDefault(id.comparableValue(), List.of())) {
                if (!best.containsKey(e)) {
                    ListedEntity entity = entities.get(e);
                    NameComparison c = matcher.compare(query.name(), entity.name(),
                            query.type().or(() -> Optional.of(entity.type())));
                    best.put(e, match(query, entity, entity.name(), c));
                }
            }
        }
        List<ScreeningMatch> matches = new ArrayList<>();
        for (ScreeningMatch m : best.values()) {
            if (m.score() >= settings.reviewThreshold()) {
                matches.add(m);
            }
        }
        matches.sort(Comparator.comparingDouble(ScreeningMatch::score).reversed()
                .thenComparing(m -> m.entity().list())
                .thenComparing(m -> m.entity().sourceId())
                .thenComparing(m -> m.entity().name()));
        if (matches.size() > settings.maxMatches()) {
            matches = matches.subList(0, settings.maxMatches());
        }
        double top = matches.isEmpty() ? best.values().stream().mapToDouble(ScreeningMatch::score).max().orElse(0)
                : matches.getFirst().score();
        Verdict verdict = top >= settings.blockThreshold() ? Verdict.BLOCK
                : top >= settings.reviewThreshold() ? Verdict.REVIEW : Verdict.CLEAR;
        return new ScreeningDecision(query.name(), verdict, top, matches);
    }

    private static ScreeningMatch match(ScreeningQuery query, ListedEntity entity, String matchedName, NameComparison c) {
        SupportingFacts.Adjusted adjusted = SupportingFacts.apply(c.score(), query, entity);
        List<String> reasons = new ArrayList<>(c.notes());
        reasons.addAll(adjusted.reasons());
        return new ScreeningMatch(entity, matchedName, c.score(), adjusted.score(), c.parts(), reasons);
    }

    /** Compares two names with this index's settings: {@code moat screen score}. */
    public NameComparison score(String name1, String name2, Optional<EntityType> type) {
        return matcher.compare(name1, name2, type);
    }

    /** Screens an organisation and every declared owner, and applies the OFAC 50 % rule. */
    public OrganisationDecision screenOrganisation(OrganisationProfile organisation) {
        return new OwnershipScreening(this).screen(organisation);
    }
}
