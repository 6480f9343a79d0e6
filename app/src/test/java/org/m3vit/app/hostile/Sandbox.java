package org.m3vit.app.hostile;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.m3vit.app.cli.M3vitCommand;
import org.m3vit.model.io.Npy;
import org.m3vit.model.io.Safetensors;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One hostile case's folder: {@code in/} for what it reads, {@code out/} for what it may write. Runs a
 * command in-process and checks what every case must satisfy: the exit code, the file and the reason in
 * the message, one-line messages without a stack trace, nothing new outside {@code out/} (nor anywhere in
 * the suite's folder), no temporary or half-written file left.
 */
final class Sandbox {

    private static final Pattern STACK = Pattern.compile("\\tat |\\bat [a-z]+\\.[a-z]+\\.|\\b(java|javax|org|com|net|ai)\\.[a-z]+\\.[A-Za-z.]*[A-Z]\\w*"
            + "|Exception\\b|@[0-9a-f]{5,}\\b|Index -?\\d+ out of bounds");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path suite;
    final Path root;
    final Path in;
    final Path out;

    /** The result of one run. */
    record Run(int code, String out, String err) { }

    Sandbox(Path suite, String name) throws IOException {
        this.suite = suite;
        this.root = Files.createDirectories(suite.resolve(name));
        this.in = Files.createDirectories(root.resolve("in"));
        this.out = root.resolve("out");
    }

    /** Runs {@code args} as the command line does; every new path must lie under {@code out/}. */
    Run run(String... args) throws IOException {
        Set<String> before = listing(suite);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = M3vitCommand.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(args);
        Set<String> after = listing(suite);
        after.removeAll(before);
        String outPrefix = out.toString();
        for (String p : after) {
            assertThat(p).as("written outside the target folder").startsWith(outPrefix);
        }
        return new Run(code, o.toString(), e.toString());
    }

    /** Checks the common promises on a finished run: code, fragments in stderr, one-line messages, no stack trace, complete files. */
    void expect(Run r, int code, String... fragments) throws IOException {
        assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(code);
        for (String f : fragments) assertThat(r.err()).as("stderr").contains(f);
        if (code != 0) assertThat(r.err()).as("stderr names the problem").contains("error: ");
        assertThat(STACK.matcher(r.err()).find()).as("stack trace, class name or identity in: %s", r.err()).isFalse();
        for (String line : r.err().split("\n")) assertThat(line.length()).as("length of an error line").isLessThan(900);
        for (String p : listing(suite)) {
            assertThat(p).as("temporary file left").doesNotContain(".partial-").doesNotContain(".building-")
                    .doesNotContain(".old-").doesNotContain(".m3vit-probe-");
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.walk(out)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) complete(f);
            }
        }
    }

    /** Fails unless {@code f} is a whole file of its kind. */
    static void complete(Path f) throws IOException {
        String n = f.getFileName().toString();
        if (n.endsWith(".npy")) Npy.read(f);
        else if (n.endsWith(".png")) assertThat(ImageIO.read(f.toFile())).as("PNG decodes: " + f).isNotNull();
        else if (n.endsWith(".json")) JSON.readTree(f.toFile());
        else if (n.endsWith(".safetensors")) Safetensors.read(f);
        else if (n.endsWith(".csv")) assertThat(Files.readString(f)).as("CSV ends with a line break").endsWith("\n");
    }

    /** The regular files (and folders) under {@code dir}, as strings. */
    static Set<String> listing(Path dir) throws IOException {
        Set<String> s = new TreeSet<>();
        try (Stream<Path> w = Files.walk(dir)) {
            for (Path p : w.toList()) s.add(p.toString());
        }
        return s;
    }

    /** Output files under {@code out/}. */
    List<Path> outputs() throws IOException {
        if (!Files.isDirectory(out)) return List.of();
        try (Stream<Path> s = Files.list(out)) {
            return new ArrayList<>(s.sorted().toList());
        }
    }
}
