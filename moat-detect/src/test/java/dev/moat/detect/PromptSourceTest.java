package dev.moat.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PromptSourceTest {

    private static final Set<String> HUMAN_FILES = Set.of("self_instruct_seed_tasks.jsonl",
            "user_oriented_instructions.jsonl", "mt_bench_questions.jsonl", "vicuna_bench_questions.jsonl",
            "hh_rlhf_harmless_base_test.jsonl.gz");

    @Test
    void readsTheFullSetsFromTheSharedDirectory() {
        PromptSource prompts = SimulationTestData.sharedPrompts();
        assertThat(prompts.pool(PromptSource.Pool.EVALUATION)).hasSize(1_319);
        assertThat(prompts.pool(PromptSource.Pool.HARVEST_MATH)).hasSize(7_473);
        assertThat(prompts.pool(PromptSource.Pool.HARVEST_CODE)).hasSize(4_535);
        assertThat(prompts.pool(PromptSource.Pool.HARVEST_ROLEPLAY)).hasSize(1_923);
        assertThat(prompts.pool(PromptSource.Pool.HARVEST_TOOL)).hasSize(2_396);
        assertThat(prompts.pool(PromptSource.Pool.CHAT).size() + prompts.pool(PromptSource.Pool.CODING).size())
                .isEqualTo(175 + 252 + 80 + 10); // Vicuna's 80 and MT-bench's 10 coding questions
        // MT-bench's 80 questions minus its coding ones, plus the hh-rlhf dialogues that have a human turn
        assertThat(prompts.pool(PromptSource.Pool.DIALOGUE).size()).isBetween(2_300, 2_392);
    }

    @Test
    void keepsOrdinaryEvaluationAndHarvestingMaterialApart() {
        for (PromptSource prompts : List.of(SimulationTestData.sharedPrompts(), PromptSource.bundled())) {
            for (PromptSource.Pool pool : PromptSource.Pool.values()) {
                Set<String> origins = prompts.pool(pool).stream().map(PromptSource.Prompt::origin)
                        .collect(Collectors.toSet());
                switch (pool) {
                    case CHAT, DIALOGUE, CODING -> assertThat(HUMAN_FILES).containsAll(origins);
                    case EVALUATION -> assertThat(origins).containsExactly("gsm8k_test.jsonl");
                    case HARVEST_MATH -> assertThat(origins).containsExactly("gsm8k_train.jsonl");
                    case HARVEST_CODE -> assertThat(origins).containsExactly("gpteacher_codegen_instruct.json");
                    case HARVEST_ROLEPLAY -> assertThat(origins).containsExactly("gpteacher_roleplay_instruct.json");
                    case HARVEST_TOOL -> assertThat(origins).containsExactly("gpteacher_toolformer.json");
                }
            }
        }
    }

    @Test
    void bundledSubsetIsAFewHundredPromptsTakenFromTheSharedSets() {
        PromptSource bundled = PromptSource.bundled();
        PromptSource full = SimulationTestData.sharedPrompts();
        int total = 0;
        for (PromptSource.Pool pool : PromptSource.Pool.values()) {
            List<PromptSource.Prompt> prompts = bundled.pool(pool);
            assertThat(prompts).as(pool.name()).isNotEmpty();
            assertThat(full.pool(pool)).as(pool.name()).containsAll(prompts);
            total += prompts.size();
        }
        assertThat(total).isBetween(300, 1_200);
    }

    @Test
    void parsesDialoguesIntoHumanTurnsAndWorkedAnswersWithoutCalculatorNotes() {
        PromptSource prompts = SimulationTestData.sharedPrompts();
        assertThat(prompts.pool(PromptSource.Pool.DIALOGUE))
                .anySatisfy(prompt -> assertThat(prompt.followUps()).isNotEmpty())
                .allSatisfy(prompt -> assertThat(prompt.text()).doesNotContain("Human:").doesNotContain("Assistant:"));
        PromptSource.Prompt janet = prompts.pool(PromptSource.Pool.EVALUATION).getFirst();
        assertThat(janet.text()).startsWith("Janet’s ducks lay 16 eggs per day.");
        assertThat(janet.reference()).hasValueSatisfying(answer ->
                assertThat(answer).contains("16 - 3 - 4 = 9").doesNotContain("<<").endsWith("#### 18"));
        assertThat(prompts.pool(PromptSource.Pool.DIALOGUE))
                .anySatisfy(prompt -> assertThat(prompt.origin()).isEqualTo("mt_bench_questions.jsonl"));
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> PromptSource.fromDirectory(Path.of("/nonexistent/prompts")))
                .isInstanceOf(SimulationException.class)
                .hasMessageContaining("/nonexistent/prompts does not exist");
        assertThatThrownBy(() -> PromptSource.fromDirectory(SimulationTestData.sharedData().resolve("geo")))
                .isInstanceOf(SimulationException.class)
                .hasMessageContaining("vicuna_bench_questions.jsonl not found");
    }

    @Test
    void aCampaignDrawsFromHarvestingPoolsOnlyAndSaysSoOtherwise() {
        List<PromptSource.Pool> pools = new java.util.ArrayList<>(List.of(PromptSource.Pool.HARVEST_MATH));
        List<PromptSource.Pool> checked = PromptSource.Pool.harvestingOnly(pools);
        pools.add(PromptSource.Pool.HARVEST_CODE);
        assertThat(checked).containsExactly(PromptSource.Pool.HARVEST_MATH);
        assertThatThrownBy(() -> PromptSource.Pool.harvestingOnly(List.of(PromptSource.Pool.CHAT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one or more HARVEST_ pools");
        assertThatThrownBy(() -> PromptSource.Pool.harvestingOnly(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one or more HARVEST_ pools");
    }
}
