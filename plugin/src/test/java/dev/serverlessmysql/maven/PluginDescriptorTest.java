package dev.serverlessmysql.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The descriptor that {@code mvn help:describe -Ddetail} prints, as generated into target/classes before the tests:
 * every goal and every settable parameter says something readable (issue 15: XML inside a Javadoc code tag was
 * dropped, leaving "Module minimums: 0.800.70." and "Overrides ."), and the m2e metadata names every goal.
 */
class PluginDescriptorTest {

    /**
     * Markup that help:describe strips as HTML tags (an XML example in the Javadoc), and what dropped markup leaves
     * behind: a blank before punctuation, empty brackets or quotes, run-together numbers, a double blank.
     */
    private static final Pattern DROPPED =
            Pattern.compile("<[A-Za-z/!]|\\s[.,;:)]|\\(\\s*\\)|\"\"|''|\\d\\.\\d+\\.\\d+\\.| {2}");

    @Test
    void everyGoalAndSettableParameterHasAReadableDescription() throws Exception {
        Document d = parse("META-INF/maven/plugin.xml");
        List<String> problems = new ArrayList<>();
        for (Element mojo : children(d.getDocumentElement(), "mojos", "mojo")) {
            String goal = text(mojo, "goal");
            if (goal.equals("help")) {
                continue; // written by maven-plugin-plugin, not by us
            }
            check(goal, text(mojo, "description"), problems);
            for (Element p : children(mojo, "parameters", "parameter")) {
                if ("true".equals(text(p, "editable"))) {
                    check(goal + " <" + text(p, "name") + ">", text(p, "description"), problems);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theDescriptionsTheIssueQuotedSayWhatToWrite() throws Exception {
        Document d = parse("META-INF/maven/plugin.xml");
        String coverage = parameter(d, "check", "coverage");
        assertTrue(coverage.contains("0.80") && coverage.contains("80%") && coverage.contains("line, branch"), coverage);
        assertTrue(parameter(d, "check", "changedLinesBase").contains("changedLines"));
        assertTrue(parameter(d, "check", "coverageLine").contains("line minimum of coverage"));
    }

    @Test
    void m2eMetadataNamesEveryGoal() throws Exception {
        TreeSet<String> goals = new TreeSet<>();
        for (Element mojo : children(parse("META-INF/maven/plugin.xml").getDocumentElement(), "mojos", "mojo")) {
            if (!text(mojo, "goal").equals("help")) {
                goals.add(text(mojo, "goal"));
            }
        }
        assertFalse(goals.isEmpty());
        TreeSet<String> mapped = new TreeSet<>();
        NodeList g = parse("META-INF/m2e/lifecycle-mapping-metadata.xml").getElementsByTagName("goal");
        for (int i = 0; i < g.getLength(); i++) {
            mapped.add(g.item(i).getTextContent().trim());
        }
        assertEquals(goals, mapped);
    }

    private static void check(String what, String description, List<String> problems) {
        if (description.isBlank()) {
            problems.add(what + ": no description");
        } else if (DROPPED.matcher(description).find()) {
            problems.add(what + ": \"" + description + "\"");
        }
    }

    private static String parameter(Document d, String goal, String name) {
        for (Element mojo : children(d.getDocumentElement(), "mojos", "mojo")) {
            if (text(mojo, "goal").equals(goal)) {
                for (Element p : children(mojo, "parameters", "parameter")) {
                    if (text(p, "name").equals(name)) {
                        return text(p, "description");
                    }
                }
            }
        }
        throw new AssertionError(goal + " has no parameter " + name);
    }

    private static Document parse(String resource) throws Exception {
        try (InputStream in = PluginDescriptorTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not on the test class path (maven-plugin-plugin writes it at process-classes)");
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(in);
        }
    }

    /** The {@code child} elements inside the direct child {@code list} of {@code parent}. */
    private static List<Element> children(Element parent, String list, String child) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(list)) {
                for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element ce && ce.getTagName().equals(child)) {
                        out.add(ce);
                    }
                }
            }
        }
        return out;
    }

    private static String text(Element parent, String child) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(child)) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }
}
