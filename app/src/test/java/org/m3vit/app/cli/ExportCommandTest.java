package org.m3vit.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.app.teach.Ffmpeg;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code m3vit export} refuses bad options and outputs with one line each, before it opens any window. */
class ExportCommandTest {

    @TempDir
    Path dir;

    /** Runs the command; returns the exit code and what it printed on standard error. */
    private static String[] run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = M3vitCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), err.toString().strip()};
    }

    private void refused(String message, String... args) {
        String[] r = run(args);
        assertThat(r[0]).as(r[1]).isEqualTo("2");
        assertThat(r[1].lines().count()).as(r[1]).isEqualTo(1);
        assertThat(r[1]).isEqualTo("error: " + message);
    }

    @Test
    void refusesEveryOptionOutsideItsBound() {
        String gif = dir.resolve("a.gif").toString();
        refused("nothing to export: give --gif FILE, --video FILE (.mp4 or .webm) or --slides FOLDER", "export");
        refused("--fps is 0; it must be between 1 and 50", "export", "--gif", gif, "--fps", "0");
        refused("--fps is 120; it must be between 1 and 50", "export", "--gif", gif, "--fps", "120");
        refused("--frames is 5000; it must be between 2 and 3000", "export", "--gif", gif, "--frames", "5000");
        refused("--duration is 900.0 s; it must be between 1 and 300 s", "export", "--gif", gif, "--duration", "900");
        refused("give either --duration or --frames, not both", "export", "--gif", gif, "--duration", "10", "--frames", "30");
        refused("--size width is 10; it must be between 480 and 3840", "export", "--gif", gif, "--size", "10x10");
        refused("--size 'large': give it as WIDTHxHEIGHT in pixels, e.g. 1280x720", "export", "--gif", gif, "--size", "large");
        refused("--slide-scale is 8; it must be between 1 and 4", "export", "--slides", dir.resolve("s").toString(), "--slide-scale", "8");
        refused("--gif " + dir.resolve("a.png") + ": the file name must end in .gif", "export", "--gif", dir.resolve("a.png").toString());
        refused("--video " + dir.resolve("a.avi") + ": the video file must end in .mp4 (H.264) or .webm (VP9)", "export", "--video",
                dir.resolve("a.avi").toString());
        refused("--size 1279x720: a video needs an even width and height (4:2:0 chroma)", "export", "--video",
                dir.resolve("a.mp4").toString(), "--size", "1279x720");
        refused("--token is -3; it must be 0 (cls) or more", "export", "--gif", gif, "--token", "-3");
    }

    @Test
    void refusesOutputsThatCannotBeWrittenBeforeAnyWork() throws IOException {
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("old.png"), "x");
        refused(full + ": the folder is not empty (1 entries); choose a new or empty folder (or, on the command line, pass --force to"
                + " replace it)", "export", "--slides", full.toString());
        Path inside = dir.resolve("s").resolve("a.gif");
        refused("--gif " + inside + ": it lies in the slide folder " + dir.resolve("s") + ", which the export replaces as a whole; write it"
                + " beside the folder", "export", "--gif", inside.toString(), "--slides", dir.resolve("s").toString());
        Path folder = Files.createDirectories(dir.resolve("clip.gif"));
        refused(folder + ": cannot write --gif: it is a folder", "export", "--gif", folder.toString());
    }

    @Test
    void aMissingFfmpegIsRefusedWithHowToInstallIt() {
        String before = System.getProperty(Ffmpeg.PROPERTY);
        System.setProperty(Ffmpeg.PROPERTY, dir.resolve("no-ffmpeg").toString());
        try {
            refused("--video: ffmpeg is not at " + dir.resolve("no-ffmpeg") + " (named by -Dm3vit.ffmpeg), or it is not executable;"
                    + " install it (Debian, Ubuntu: apt-get install -y ffmpeg) or export a GIF instead", "export", "--video", dir.resolve("a.mp4").toString());
        } finally {
            if (before == null) System.clearProperty(Ffmpeg.PROPERTY); else System.setProperty(Ffmpeg.PROPERTY, before);
        }
    }
}
