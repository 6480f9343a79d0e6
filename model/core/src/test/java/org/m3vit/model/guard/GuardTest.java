package org.m3vit.model.guard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The validation policy's building blocks, one behaviour each. */
@SuppressWarnings("try")   // an injected file opener is a scope: the try blocks never name it
class GuardTest {

    @TempDir
    Path tmp;

    @Test
    void boundsNameTheValueTheBoundAndTheMemory() {
        assertThatThrownBy(() -> Limits.range("--count", -3, 1, 10)).isInstanceOf(LimitException.class)
                .hasMessage("--count is -3; it must be between 1 and 10");
        assertThatThrownBy(() -> Limits.size("--height", 100_000, 1, 4096, 64.0 * 160))
                .hasMessage("--height is 100000; it must be at most 4096 (it would need 1.0 GB of memory)");
        assertThat(Limits.range("x", 7, 1, 10)).isEqualTo(7);
        assertThatThrownBy(() -> Limits.memory("this", 1e15)).hasMessageStartingWith("this needs about 1000.0 TB of memory, more than the");
    }

    @Test
    void outputNamesStayDirectlyInsideTheirFolder() throws IOException {
        OutputFolder f = OutputFolder.create(tmp.resolve("out"));
        assertThat(f.file("a-semseg.png")).isEqualTo(tmp.resolve("out/a-semseg.png").toAbsolutePath());
        for (String bad : List.of("../x.png", "a/b.png", "..", ".", "", "a\\b", "x\ny", "/etc/passwd")) {
            assertThatThrownBy(() -> f.file(bad)).as(bad).isInstanceOf(IOException.class).hasMessageStartingWith(f.root().toString());
        }
        assertThat(Files.list(tmp).toList()).containsExactly(tmp.resolve("out"));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryOne() throws Exception {
        Path target = Files.writeString(tmp.resolve("r.json"), "old");
        try (AutoCloseable ignored = AtomicFiles.injectOpener(t -> {
            Files.writeString(t, "half");
            throw new FileSystemException(t.toString(), null, "No space left on device");
        })) {
            assertThatThrownBy(() -> AtomicFiles.write(target, "new".getBytes())).isInstanceOf(OutputWriteException.class)
                    .hasMessage(target.toAbsolutePath() + ": cannot write: No space left on device");
        }
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(Files.list(tmp).toList()).containsExactly(target);
        AtomicFiles.write(target, "new".getBytes());
        assertThat(Files.readString(target)).isEqualTo("new");
    }

    @Test
    void aFailedFolderBuildLeavesTheOldFolderAsItWas() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(out.resolve("weights"), "old");
        assertThatThrownBy(() -> FolderSwap.check(out, false)).hasMessageContaining("the folder is not empty (1 entries)");
        assertThatThrownBy(() -> FolderSwap.write(out, true, d -> {
            Files.writeString(d.resolve("weights"), "new");
            throw new IOException("disk gone");
        })).hasMessage("disk gone");
        assertThat(Files.readString(out.resolve("weights"))).isEqualTo("old");
        assertThat(Files.list(tmp).toList()).containsExactly(out);
        FolderSwap.write(out, true, d -> Files.writeString(d.resolve("other"), "new"));
        assertThat(Files.list(out).map(p -> p.getFileName().toString()).toList()).containsExactly("other");
    }

    @Test
    void specialFilesAreNeverOpened() throws Exception {
        assertThatThrownBy(() -> InputFiles.requireRegular(Path.of("/dev/zero"), "image file"))
                .hasMessage("/dev/zero: is not a regular file (a pipe, device or socket); only regular files are read");
        assertThatThrownBy(() -> InputFiles.requireRegular(tmp, "config file")).hasMessage(tmp + ": is a directory, not a config file");
        assertThatThrownBy(() -> InputFiles.requireRegular(tmp.resolve("none"), "config file")).hasMessage(tmp.resolve("none") + ": config file not found");
    }

    @Test
    void messagesFitOnOneLine() {
        assertThat(OneLine.of("a\nb\tc\u0007")).isEqualTo("a b c?");
        assertThat(OneLine.of("x".repeat(1000))).hasSize(OneLine.MAX + " ... (400 more characters)".length() - 1)
                .endsWith("... (400 more characters)");
        assertThatThrownBy(() -> Names.fileSafe("task name", "../x")).hasMessageStartingWith("task name '../x' may only hold");
    }
}
