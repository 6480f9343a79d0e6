package org.m3vit.app.teach;

import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.OutputFolder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a slide set into a folder: every slide's PNG, {@code slides.md} (Markdown: a heading per
 * slide, the picture, its caption) and {@code index.html} (the same as a page to open in a browser
 * or print), each file atomically.
 */
public final class SlideIndex {

    /** The Markdown index's file name. */
    public static final String MARKDOWN = "slides.md";
    /** The HTML index's file name. */
    public static final String HTML = "index.html";

    private SlideIndex() { }

    /** Writes {@code slides} and both indexes into {@code dir} under the heading {@code heading}; returns the files. */
    public static List<Path> write(Path dir, String heading, List<Slide> slides) throws IOException {
        OutputFolder folder = OutputFolder.create(dir);
        List<Path> files = new ArrayList<>();
        for (Slide s : slides) {
            Path p = folder.file(s.file());
            AtomicFiles.write(p, s.png());
            files.add(p);
        }
        Path md = folder.file(MARKDOWN);
        AtomicFiles.writeText(md, w -> w.write(markdown(heading, slides)));
        files.add(md);
        Path html = folder.file(HTML);
        AtomicFiles.writeText(html, w -> w.write(html(heading, slides)));
        files.add(html);
        return files;
    }

    /** The Markdown index. */
    static String markdown(String heading, List<Slide> slides) {
        StringBuilder b = new StringBuilder("# ").append(heading).append("\n\n");
        b.append("Made with M³ViT Explorer's teaching export: ").append(slides.size()).append(" views of the window, each PNG at")
                .append(" the slide scale, with what it shows.\n");
        int n = 1;
        for (Slide s : slides) {
            b.append("\n## ").append(n++).append(". ").append(s.title()).append("\n\n");
            b.append("![").append(s.title()).append("](").append(s.file()).append(")\n\n");
            b.append(s.caption()).append('\n');
        }
        return b.toString();
    }

    /** The HTML index (text escaped). */
    static String html(String heading, List<Slide> slides) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(heading)).append("</title>\n<style>\n")
                .append("body { font-family: sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }\n")
                .append("figure { margin: 2.5em 0; page-break-inside: avoid; }\n")
                .append("img { max-width: 100%; height: auto; border: 1px solid #ccc; }\n")
                .append("figcaption { margin-top: .6em; line-height: 1.45; }\n</style>\n</head>\n<body>\n<h1>")
                .append(escape(heading)).append("</h1>\n");
        int n = 1;
        for (Slide s : slides) {
            b.append("<figure id=\"slide-").append(n).append("\">\n<h2>").append(n++).append(". ").append(escape(s.title())).append("</h2>\n")
                    .append("<img src=\"").append(escape(s.file())).append("\" width=\"").append(s.width() / Math.max(1, s.scale())).append("\" alt=\"")
                    .append(escape(s.title())).append("\">\n<figcaption>").append(escape(s.caption())).append("</figcaption>\n</figure>\n");
        }
        return b.append("</body>\n</html>\n").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
