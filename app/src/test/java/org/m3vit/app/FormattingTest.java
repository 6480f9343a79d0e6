package org.m3vit.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The tree follows .editorconfig: UTF-8, LF, spaces, no trailing whitespace, a final newline, lines within the limit. */
class FormattingTest {

    private static final int MAX_LINE = 200;

    @Test
    void everyJavaPomAndCssFileFollowsTheEditorConfig() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve(".editorconfig")).exists();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(FormattingTest::checked).toList()) {
                checked++;
                problems.addAll(problems(root.relativize(f).toString(), Files.readAllBytes(f)));
            }
        }
        assertThat(checked).isGreaterThan(400);
        assertThat(problems).isEmpty();
    }

    private static boolean checked(Path f) {
        String s = f.toString();
        if (s.contains("/target/") || s.contains("/.git/") || s.contains("/node_modules/") || !Files.isRegularFile(f)) return false;
        return s.endsWith(".java") || s.endsWith("pom.xml") || s.endsWith(".css");
    }

    static List<String> problems(String name, byte[] bytes) {
        List<String> out = new ArrayList<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return List.of(name + ": not UTF-8");
        }
        if (text.indexOf('\r') >= 0) out.add(name + ": CR line endings");
        if (!text.isEmpty() && !text.endsWith("\n")) out.add(name + ": no final newline");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.indexOf('\t') >= 0) out.add(name + ":" + (i + 1) + ": tab");
            if (l.endsWith(" ")) out.add(name + ":" + (i + 1) + ": trailing whitespace");
            if (l.codePointCount(0, l.length()) > MAX_LINE) out.add(name + ":" + (i + 1) + ": " + l.length() + " columns");
        }
        return out;
    }

    @Test
    void theCheckCatchesEachKindOfProblem() {
        byte[] bad = "a\tb \r\n".repeat(1).concat("x".repeat(MAX_LINE + 1)).getBytes(StandardCharsets.UTF_8);
        assertThat(problems("F.java", bad)).containsExactly("F.java: CR line endings", "F.java: no final newline",
                "F.java:1: tab", "F.java:2: " + (MAX_LINE + 1) + " columns");
        assertThat(problems("G.java", new byte[] {(byte) 0xff, 10})).containsExactly("G.java: not UTF-8");
        assertThat(problems("T.java", "c \n".getBytes(StandardCharsets.UTF_8))).containsExactly("T.java:1: trailing whitespace");
        assertThat(problems("H.java", "ok\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
