package dev.serverlessmysql.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jacoco.report.DirectorySourceFileLocator;
import org.jacoco.report.FileMultiReportOutput;
import org.jacoco.report.IReportVisitor;
import org.jacoco.report.MultiReportVisitor;
import org.jacoco.report.MultiSourceFileLocator;
import org.jacoco.report.html.HTMLFormatter;
import org.jacoco.report.xml.XMLFormatter;

/** Writes JaCoCo's HTML report ({@code coverage/index.html}) and XML report ({@code coverage.xml}). */
final class HtmlXmlReport {

    private HtmlXmlReport() {
    }

    /** Writes both reports where the layout says. */
    public static void write(CoverageData data, GateLayout layout, List<Path> sourceRoots, String encoding)
            throws IOException {
        Files.createDirectories(layout.dir());
        HTMLFormatter html = new HTMLFormatter();
        html.setOutputEncoding("UTF-8");
        XMLFormatter xml = new XMLFormatter();
        xml.setOutputEncoding("UTF-8");
        MultiSourceFileLocator locator = new MultiSourceFileLocator(4);
        for (Path root : sourceRoots) {
            if (Files.isDirectory(root)) {
                locator.add(new DirectorySourceFileLocator(root.toFile(), encoding, 4));
            }
        }
        try (OutputStream xmlOut = Files.newOutputStream(layout.coverageXml())) {
            IReportVisitor visitor = new MultiReportVisitor(List.of(
                    html.createVisitor(new FileMultiReportOutput(layout.coverageHtml().toFile())),
                    xml.createVisitor(xmlOut)));
            visitor.visitInfo(data.sessions().getInfos(), data.executionData().getContents());
            visitor.visitBundle(data.bundle(), locator);
            visitor.visitEnd();
        }
    }
}
