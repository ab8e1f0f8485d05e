package dev.moat.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListLoaderTest {

    @TempDir
    Path tmp;

    private static Map<String, ListedEntity> byId(LoadedLists lists) {
        return lists.entities().stream().collect(Collectors.toMap(e -> e.list() + ":" + e.sourceId() + ":" + e.name(),
                Function.identity(), (a, b) -> a));
    }

    private static ListedEntity find(LoadedLists lists, String list, String name) {
        return lists.entities().stream().filter(e -> e.list().equals(list) && e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + list + " entry named " + name));
    }

    @Test
    void readsTheOfacSdnListJoinedWithAliasesAndAddresses() {
        LoadedLists lists = ListLoader.load(List.of(SharedData.sanctions("ofac-sdn-2021/sdn.csv")));

        assertThat(lists.entities()).hasSize(8976);
        assertThat(lists.report().problems()).isEmpty();
        assertThat(lists.report().files()).singleElement()
                .satisfies(f -> assertThat(f.format()).isEqualTo(ListFormat.OFAC_SDN_CSV));
        assertThat(lists.entities().stream().filter(e -> e.type() == EntityType.PERSON)).hasSize(4620);
        assertThat(lists.entities().stream().filter(e -> e.type() == EntityType.VESSEL)).hasSize(406);
        assertThat(lists.entities().stream().filter(e -> e.type() == EntityType.AIRCRAFT)).hasSize(277);
        assertThat(lists.entities().stream().mapToInt(e -> e.aliases().size()).sum()).isBetween(11000, 11910);

        ListedEntity bank = find(lists, "SDN", "BANCO NACIONAL DE CUBA");
        assertThat(bank.sourceId()).isEqualTo("306");
        assertThat(bank.type()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(bank.aliases()).containsExactly("NATIONAL BANK OF CUBA");
        assertThat(bank.programs()).containsExactly("CUBA");
        assertThat(bank.countries()).containsExactly("CH", "ES", "JP", "PA");
        assertThat(bank.addresses()).first().isEqualTo("Zweierstrasse 35, Zurich CH-8022, Switzerland");

        ListedEntity abbas = find(lists, "SDN", "ABBAS, Abu");
        assertThat(abbas.type()).isEqualTo(EntityType.PERSON);
        assertThat(abbas.programs()).containsExactly("SDGT");
        assertThat(abbas.datesOfBirth()).containsExactly("1948-12-10");
        assertThat(abbas.aliases()).contains("ZAYDAN, Muhammad");

        ListedEntity swan = find(lists, "SDN", "SAND SWAN");
        assertThat(swan.type()).isEqualTo(EntityType.VESSEL);
        assertThat(swan.countries()).containsExactly("CY");
        assertThat(swan.identifiers()).extracting(Identifier::value).contains("P3QG3");

        ListedEntity djibo = find(lists, "SDN", "DJIBO, Ousmane Illiassou");
        assertThat(djibo.sourceId()).isEqualTo("32391");
        assertThat(djibo.datesOfBirth()).containsExactly("1984");
        assertThat(djibo.countries()).contains("NE", "ML");
        assertThat(djibo.aliases()).contains("KOUNOU, Ousmane Illasou", "DJIBO, Halid Illiassou");
    }

    @Test
    void readsTodaysConsolidatedScreeningList() {
        LoadedLists lists = ListLoader.load(List.of(SharedData.sanctions("csl/consolidated-sample.csv")));

        assertThat(lists.entities()).hasSize(13);
        assertThat(lists.report().problems()).isEmpty();
        assertThat(lists.entities()).extracting(ListedEntity::list)
                .containsExactlyInAnyOrder("ISN", "UVL", "MEU", "PLC", "SDN", "DTC", "DPL", "SSI", "FSE", "PLC", "SSI",
                        "EL", "SSI");

        ListedEntity rim = find(lists, "SDN", "RIM, Ryong Nam");
        assertThat(rim.sourceId()).isEqualTo("52291");
        assertThat(rim.type()).isEqualTo(EntityType.PERSON);
        assertThat(rim.programs()).containsExactly("NPWMD");
        assertThat(rim.countries()).containsExactlyInAnyOrder("CN", "KP");
        assertThat(rim.datesOfBirth()).containsExactly("1978-12-05");
        assertThat(rim.identifiers()).containsExactly(new Identifier("Passport", "836238033", "KP"));

        ListedEntity sme = find(lists, "SSI", "SME BANK");
        assertThat(sme.aliases()).contains("JSC SME BANK", "MSP BANK AO");
        assertThat(sme.countries()).containsExactly("RU");
        assertThat(sme.identifiers()).extracting(Identifier::value).contains("1027739108649");

        ListedEntity sinobright = find(lists, "ISN", "Sinobright Import and Export Company");
        assertThat(sinobright.aliases()).isEmpty();

        ListedEntity cetc = find(lists, "EL",
                "China Electronics Technology Group Corporation 13th Research Institute (CETC 13)");
        assertThat(cetc.aliases()).contains("HSRI", "CETC Research Institute 13");
        assertThat(cetc.type()).isEqualTo(EntityType.ORGANIZATION);
    }

    @Test
    void readsTheOlderConsolidatedScreeningListLayout() {
        LoadedLists lists = ListLoader.load(List.of(SharedData.sanctions("csl/csl-2019-sample.csv")));

        assertThat(lists.entities()).hasSize(115);
        assertThat(lists.report().problems()).isEmpty();
        ListedEntity psa = find(lists, "SDN", "200G PSA HOLDINGS LLC");
        assertThat(psa.sourceId()).isEqualTo("20264");
        assertThat(psa.countries()).containsExactly("US");
        assertThat(psa.identifiers()).containsExactly(new Identifier("Tax ID No.", "80-0890696", "US"));
        ListedEntity vessel = find(lists, "SDN", "ADRIAN DARYA 1");
        assertThat(vessel.type()).isEqualTo(EntityType.VESSEL);
        assertThat(vessel.aliases()).containsExactly("GRACE 1");
        assertThat(vessel.identifiers()).extracting(Identifier::value).contains("9116412");
        ListedEntity denied = find(lists, "DPL", "ADRIAN MANUEL HERNANDEZ");
        assertThat(denied.type()).isEqualTo(EntityType.PERSON);
    }

    @Test
    void readsTheDeniedPersonsList() {
        LoadedLists lists = ListLoader.load(List.of(SharedData.sanctions("dpl.txt")));

        // 581 rows; a party repeated once per address or renewed order is one entry
        assertThat(lists.entities()).hasSize(458);
        assertThat(find(lists, "DPL", "AL NASER AIRLINES").addresses()).hasSizeGreaterThan(1);
        assertThat(lists.report().files()).singleElement()
                .satisfies(f -> assertThat(f.format()).isEqualTo(ListFormat.DPL_TSV));
        ListedEntity villa = find(lists, "DPL", "AARON ABRAHAM VILLA");
        assertThat(villa.type()).isEqualTo(EntityType.PERSON);
        assertThat(villa.addresses()).containsExactly("3415 RIVERA AVENUE, EL PASO, TX, 79905");
        assertThat(villa.sourceId()).isEqualTo("87 F.R. 52741 8/29/2022");
    }

    @Test
    void readsTheUnConsolidatedList() {
        LoadedLists lists = ListLoader.load(List.of(SharedData.sanctions("un/UN_consolidated.xml")));

        assertThat(lists.entities()).hasSize(1003);
        assertThat(lists.entities().stream().filter(e -> e.type() == EntityType.PERSON)).hasSize(730);
        assertThat(lists.report().problems()).isEmpty();
        ListedEntity gaston = byId(lists).get("UN:CDi.003:GASTON IYAMUREMYE");
        assertThat(gaston.aliases()).containsExactly("Rumuli", "Byiringiro Victor Rumuli", "Victor Rumuri",
                "Michel Byiringiro");
        assertThat(gaston.countries()).containsExactly("RW", "CD");
        assertThat(gaston.datesOfBirth()).containsExactly("1948");
        assertThat(gaston.programs()).containsExactly("DRC");
        ListedEntity badege = byId(lists).get("UN:CDi.001:ERIC BADEGE");
        assertThat(badege.aliases()).isEmpty();
        assertThat(badege.datesOfBirth()).containsExactly("1971");
    }

    @Test
    void loadsEveryListFromADirectoryTree() {
        LoadedLists lists = ListLoader.load(List.of(SharedData.sanctions("")));

        assertThat(lists.report().files()).extracting(LoadedFile::format).containsExactlyInAnyOrder(
                ListFormat.CSL_CSV, ListFormat.CSL_CSV, ListFormat.DPL_TSV, ListFormat.OFAC_SDN_CSV, ListFormat.UN_XML);
        assertThat(lists.entities()).hasSize(8976 + 13 + 115 + 458 + 1003);
        assertThat(lists.report().entities()).isEqualTo(lists.entities().size());
    }

    @Test
    void reportsMalformedRowsWithFileLineAndReasonAndKeepsTheRest() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("ofac"));
        Files.writeString(dir.resolve("sdn.csv"), """
                10,"GOOD ONE",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-\s
                11,"SHORT ROW","individual"
                abc,"BAD NUMBER",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-\s
                12,"GOOD TWO","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970."
                """);
        Files.writeString(dir.resolve("alt.csv"), "10,1,\"aka\",\"ONE ALIAS\",-0-\n99,2,\"aka\",\"ORPHAN\",-0-\n");

        LoadedLists lists = ListLoader.load(List.of(dir));

        assertThat(lists.entities()).extracting(ListedEntity::name).containsExactly("GOOD ONE", "GOOD TWO");
        assertThat(lists.entities().getFirst().aliases()).containsExactly("ONE ALIAS");
        assertThat(lists.report().problems()).extracting(LoadProblem::line, LoadProblem::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, "expected 12 columns, found 3"),
                org.assertj.core.groups.Tuple.tuple(3L, "ent_num is not a number: 'abc'"),
                org.assertj.core.groups.Tuple.tuple(2L, "alias for unknown ent_num '99'"));
        assertThat(lists.report().problems().get(0).file()).endsWith("sdn.csv");
        assertThat(lists.report().problems().get(2).file()).endsWith("alt.csv");
    }

    @Test
    void readsWindows1252TextAndSaysSo() throws IOException {
        Path file = tmp.resolve("dpl.txt");
        String text = "\"Name\"\t\"Street_Address\"\t\"Country\"\n\"JOS\u00c9 PE\u00d1A\"\t\"CALLE 1\"\t\"MX\"\n";
        Files.write(file, text.getBytes(java.nio.charset.Charset.forName("windows-1252")));

        LoadedLists lists = ListLoader.load(List.of(file));

        assertThat(lists.entities()).extracting(ListedEntity::name).containsExactly("JOS\u00c9 PE\u00d1A");
        assertThat(lists.report().problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("not valid UTF-8"));
    }

    @Test
    void failsClearlyOnFilesThatAreNotLists() throws IOException {
        Path readme = Files.writeString(tmp.resolve("README.md"), "# not a list\n");
        Path alt = Files.writeString(tmp.resolve("alt.csv"), "1,2,\"aka\",\"X\",-0-\n");
        Path fakeUn = Files.writeString(tmp.resolve("list.xml"), "<?xml version=\"1.0\"?><OTHER/>");
        Path fakeSdn = Files.writeString(tmp.resolve("sdn.csv"), "name,country\nX,Y\n");

        assertThatThrownBy(() -> ListLoader.load(List.of(readme))).isInstanceOf(ListFormatException.class)
                .hasMessageContaining("is not a list this loader knows");
        assertThatThrownBy(() -> ListLoader.load(List.of(alt))).isInstanceOf(ListFormatException.class)
                .hasMessageContaining("Pass sdn.csv or the directory");
        assertThatThrownBy(() -> ListLoader.load(List.of(fakeUn))).isInstanceOf(ListFormatException.class)
                .hasMessageContaining("is not a list this loader knows");
        assertThatThrownBy(() -> ListLoader.load(List.of(fakeSdn))).isInstanceOf(ListFormatException.class)
                .hasMessageContaining("not in the legacy SDN CSV format");
        assertThatThrownBy(() -> ListLoader.load(List.of(tmp.resolve("missing")))).isInstanceOf(ListFormatException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void skipsNonListFilesInsideADirectoryWithANote() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("lists"));
        Files.copy(SharedData.sanctions("csl/consolidated-sample.csv"), dir.resolve("csl.csv"));
        Files.writeString(dir.resolve("LICENSE"), "public domain\n", StandardCharsets.UTF_8);

        LoadedLists lists = ListLoader.load(List.of(dir));

        assertThat(lists.entities()).hasSize(13);
        assertThat(lists.report().problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("not a list file"));
    }

    @Test
    void refusesXmlWithADoctypeInsteadOfExpandingIt() throws IOException {
        Path evil = Files.writeString(tmp.resolve("un.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE CONSOLIDATED_LIST [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&xxe;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS>
                </CONSOLIDATED_LIST>
                """);

        assertThatThrownBy(() -> ListLoader.load(List.of(evil))).isInstanceOf(ListFormatException.class);
    }
}
