package dev.moat.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recall floor that tuning must never break: every entry of the real 2021 SDN list is found,
 * at review or block, by its exact primary name and by each of its aliases, screened with no
 * type or other facts, against all shared lists at once.
 */
class SdnFindabilityTest {

    @Test
    void everySdnEntryIsFoundByItsPrimaryNameAndEveryAlias() {
        ScreeningIndex lists = SharedData.allLists();
        List<ListedEntity> sdn = lists.entities().stream().filter(e -> e.list().equals("SDN")).toList();
        assertThat(sdn).hasSizeGreaterThanOrEqualTo(8976);

        List<String> missed = sdn.parallelStream()
                .flatMap(e -> e.allNames().stream()
                        .filter(name -> {
                            ScreeningDecision d = lists.screen(name);
                            return d.decision() == Verdict.CLEAR
                                    || d.matches().stream().noneMatch(m -> m.entity() == e);
                        })
                        .map(name -> e.sourceId() + " '" + e.name() + "' by '" + name + "'"))
                .toList();

        assertThat(missed).as("SDN names not found by an exact query").isEmpty();
    }
}
