package dev.serverlessmysql.maven;

import java.util.ArrayList;
import java.util.List;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/** Reads the coverage part of a module's plugin configuration, for a reactor-wide check run from elsewhere. */
final class ModuleConfiguration {

    static final String[] ELEMENTS = {"coverage", "classCoverage", "handlers", "includes", "excludes"};

    private ModuleConfiguration() {
    }

    /** The coverage-related elements as text, to tell whether two modules agree; empty when there are none. */
    static String key(Xpp3Dom dom) {
        StringBuilder b = new StringBuilder();
        for (String e : ELEMENTS) {
            Xpp3Dom child = dom.getChild(e);
            if (child != null) {
                b.append(child.toUnescapedString().replaceAll("<\\?xml[^>]*>", "").replaceAll("\\s+", ""));
            }
        }
        return b.toString();
    }

    static void apply(Xpp3Dom dom, AbstractCheckMojo mojo) {
        mojo.coverage = coverage(dom.getChild("coverage"));
        mojo.classCoverage = coverage(dom.getChild("classCoverage"));
        mojo.handlers = coverage(dom.getChild("handlers"));
        mojo.includes = list(dom.getChild("includes"));
        mojo.excludes = list(dom.getChild("excludes"));
    }

    private static Coverage coverage(Xpp3Dom d) {
        if (d == null) {
            return null;
        }
        Coverage c = new Coverage();
        c.setLine(value(d, "line"));
        c.setBranch(value(d, "branch"));
        c.setInstruction(value(d, "instruction"));
        c.setMethod(value(d, "method"));
        c.setComplexity(value(d, "complexity"));
        return c;
    }

    private static String value(Xpp3Dom d, String name) {
        Xpp3Dom c = d.getChild(name);
        return c == null ? null : c.getValue();
    }

    private static List<String> list(Xpp3Dom d) {
        if (d == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Xpp3Dom c : d.getChildren()) {
            out.add(c.getValue());
        }
        return out;
    }
}
