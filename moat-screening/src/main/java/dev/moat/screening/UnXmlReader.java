package dev.moat.screening;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the UN Security Council consolidated list XML ({@code CONSOLIDATED_LIST} with
 * {@code INDIVIDUALS/INDIVIDUAL} and {@code ENTITIES/ENTITY}). It streams with StAX, with DTDs
 * and external entities switched off, so a hostile file cannot make the parser fetch or expand
 * anything. Each entry is collected into a small element tree before it is mapped, which keeps
 * the line number for the load report. A file cut off mid-way keeps the entries before the cut
 * and reports where it broke.
 */
final class UnXmlReader {

    /** One element: name, text, children. */
    private record Node(String name, StringBuilder buffer, List<Node> children) {
        Node(String name) {
            this(name, new StringBuilder(), new ArrayList<>());
        }

        String text() {
            return buffer.toString().strip();
        }

        List<Node> all(String child) {
            return children.stream().filter(c -> c.name.equals(child)).toList();
        }

        String first(String child) {
            return children.stream().filter(c -> c.name.equals(child)).findFirst().map(Node::text).orElse("");
        }
    }

    private UnXmlReader() {
    }

    static boolean looksLikeUn(String head) {
        return head.contains("<CONSOLIDATED_LIST");
    }

    static List<ListedEntity> read(Path path, List<LoadProblem> problems) {
        String file = path.toString();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<ListedEntity> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(path)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            boolean sawRoot = false;
            List<Node> stack = new ArrayList<>();
            long entryLine = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    if (!sawRoot) {
                        if (!name.equals("CONSOLIDATED_LIST")) {
                            throw new ListFormatException("File " + path + " is XML but not the UN consolidated list "
                                    + "(root element is <" + name + ">, expected <CONSOLIDATED_LIST>). Download "
                                    + "consolidated.xml from scsanctions.un.org.");
                        }
                        sawRoot = true;
                        continue;
                    }
                    if (stack.isEmpty() && !(name.equals("INDIVIDUAL") || name.equals("ENTITY"))) {
                        continue;
                    }
                    if (stack.isEmpty()) {
                        entryLine = xml.getLocation().getLineNumber();
                    }
                    Node node = new Node(name);
                    if (!stack.isEmpty()) {
                        stack.getLast().children().add(node);
                    }
                    stack.add(node);
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (!stack.isEmpty()) {
                        stack.getLast().buffer().append(xml.getText());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && !stack.isEmpty()) {
                    Node done = stack.removeLast();
                    if (stack.isEmpty()) {
                        map(done, file, entryLine, problems).ifPresent(out::add);
                    }
                }
            }
            if (!sawRoot) {
                throw new ListFormatException("File " + path + " holds no XML elements; expected the UN consolidated list.");
            }
        } catch (XMLStreamException e) {
            if (out.isEmpty()) {
                throw new ListFormatException("File " + path + " is not readable XML: " + e.getMessage()
                        + ". Download consolidated.xml from scsanctions.un.org again.", e);
            }
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            problems.add(new LoadProblem(file, line, "XML breaks off here (" + firstLine(e.getMessage())
                    + "); the " + out.size() + " entries before it were kept"));
        } catch (IOException e) {
            throw new ListFormatException("Cannot read list file " + path + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.lastIndexOf('\n');
        return nl < 0 ? m : m.substring(nl + 1).strip();
    }

    private static Optional<ListedEntity> map(Node e, String file, long line, List<LoadProblem> problems) {
        boolean person = e.name().equals("INDIVIDUAL");
        List<String> parts = new ArrayList<>();
        for (String n : List.of("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")) {
            String v = e.first(n);
            if (!v.isEmpty()) {
                parts.add(v);
            }
        }
        String name = String.join(" ", parts);
        String ref = e.first("REFERENCE_NUMBER");
        if (name.isEmpty()) {
            problems.add(new LoadProblem(file, line, "entry " + (ref.isEmpty() ? e.first("DATAID") : ref) + " has no name"));
            return Optional.empty();
        }
        Set<String> aliases = new LinkedHashSet<>();
        for (Node alias : e.all(person ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS")) {
            String a = alias.first("ALIAS_NAME");
            if (!a.isEmpty()) {
                aliases.add(a);
            }
        }
        String original = e.first("NAME_ORIGINAL_SCRIPT");
        if (!original.isEmpty()) {
            aliases.add(original);
        }
        aliases.remove(name);
        Set<String> countries = new LinkedHashSet<>();
        for (Node nationality : e.all("NATIONALITY")) {
            for (Node v : nationality.all("VALUE")) {
                CountryCodes.code(v.text()).ifPresent(countries::add);
            }
        }
        List<String> addresses = new ArrayList<>();
        for (Node address : e.all(person ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS")) {
            List<String> line2 = new ArrayList<>();
            for (String n : List.of("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")) {
                String v = address.first(n);
                if (!v.isEmpty()) {
                    line2.add(v);
                }
            }
            if (!line2.isEmpty()) {
                addresses.add(String.join(", ", line2));
            }
            CountryCodes.code(address.first("COUNTRY")).ifPresent(countries::add);
        }
        List<String> dobs = new ArrayList<>();
        for (Node dob : e.all("INDIVIDUAL_DATE_OF_BIRTH")) {
            if (!dob.first("DATE").isEmpty()) {
                dobs.addAll(BirthDates.parse(dob.first("DATE")));
            } else if (!dob.first("YEAR").isEmpty()) {
                dobs.addAll(BirthDates.parse(dob.first("YEAR")));
            } else if (!dob.first("FROM_YEAR").isEmpty() && !dob.first("TO_YEAR").isEmpty()) {
                dobs.addAll(BirthDates.parse(dob.first("FROM_YEAR") + " to " + dob.first("TO_YEAR")));
            }
        }
        List<Identifier> ids = new ArrayList<>();
        for (Node doc : e.all("INDIVIDUAL_DOCUMENT")) {
            String number = doc.first("NUMBER");
            if (!number.isEmpty()) {
                String issuer = doc.first("ISSUING_COUNTRY").isEmpty() ? doc.first("COUNTRY_OF_ISSUE") : doc.first("ISSUING_COUNTRY");
                ids.add(new Identifier(doc.first("TYPE_OF_DOCUMENT"), number, CountryCodes.code(issuer).orElse("")));
            }
        }
        List<String> programs = e.first("UN_LIST_TYPE").isEmpty() ? List.of() : List.of(e.first("UN_LIST_TYPE"));
        return Optional.of(new ListedEntity("UN", ref, person ? EntityType.PERSON : EntityType.ORGANIZATION,
                name, List.copyOf(aliases), List.copyOf(countries), programs, addresses, ids, dobs));
    }
}
