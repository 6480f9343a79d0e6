package org.m3vit.app.teach;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A GIF written from known frames, decoded back as a viewer shows it: every pixel, the delays, the loop, the size. */
class GifClipWriterTest {

    @TempDir
    Path dir;

    /** Frame i: a dark background with a 6x4 box of colour {@code colours[i % 3]} that moves right by 5 pixels a frame. */
    private static Frame frame(int i, int w, int h) {
        int[] colours = {0xFF4E79A7, 0xFFF28E2B, 0xFF59A14F};
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, 0xFF1B1F24);
        for (int y = 10; y < 14; y++) for (int x = 3 + 5 * i; x < 9 + 5 * i; x++) px[y * w + x] = colours[i % 3];
        px[(h - 1) * w] = 0xFF000000 | (i * 40); // one pixel that changes in every frame, also far from the box
        return new Frame(w, h, px);
    }

    @Test
    void decodesToTheFramesWrittenWithTheirDelaysAndLoopsForever() throws IOException {
        int w = 60, h = 30, n = 7;
        ClipPlan plan = new ClipPlan(n, 12, 1);
        List<int[]> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) samples.add(frame(i, w, h).argb());
        GifPalette palette = GifPalette.of(samples, new int[] {0xFF4E79A7, 0xFFF28E2B, 0xFF59A14F});
        Path gif = dir.resolve("clip.gif");
        GifClipWriter out = new GifClipWriter(gif, palette, plan);
        for (int i = 0; i < n; i++) out.add(frame(i, w, h));
        out.finish();
        assertThat(gif).doesNotExist(); // not before the commit
        out.commit();

        GifFrames g = GifFrames.read(gif);
        assertThat(g.width()).isEqualTo(w);
        assertThat(g.height()).isEqualTo(h);
        assertThat(g.frames()).hasSize(n);
        assertThat(g.delays()).containsExactly(8, 9, 8, 8, 9, 8, 8); // round(100 i / 12) cs: 0 8 17 25 33 42 50 58
        assertThat(g.loopsForever()).isTrue();
        for (int i = 0; i < n; i++) {
            Frame f = frame(i, w, h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertThat(g.frames().get(i).getRGB(x, y) & 0xFFFFFF).as("frame %d at (%d, %d)", i, x, y).isEqualTo(f.at(x, y) & 0xFFFFFF);
                }
            }
        }
        assertThat(g.disposals().get(1)).isEqualTo("doNotDispose"); // later frames are laid over the earlier ones
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("clip.gif");
        }
    }

    @Test
    void onlyTheChangedRectangleIsStored() {
        byte[] before = new byte[20 * 10], now = before.clone();
        now[3 * 20 + 4] = 7;
        now[6 * 20 + 11] = 9;
        assertThat(GifClipWriter.changed(before, now, 20, 10)).containsExactly(4, 3, 8, 4);
        assertThat(GifClipWriter.changed(before, before.clone(), 20, 10)).containsExactly(0, 0, 1, 1);
        byte[] part = GifClipWriter.part(before, now, 20, new int[] {4, 3, 8, 4});
        assertThat(part[0]).isEqualTo((byte) 7);
        assertThat(part[1]).isEqualTo((byte) GifPalette.TRANSPARENT);
        assertThat(part[3 * 8 + 7]).isEqualTo((byte) 9);
    }

    @Test
    void discardingLeavesTheEarlierFileAndNoTemporaryOne() throws IOException {
        Path gif = dir.resolve("old.gif");
        Files.writeString(gif, "the earlier export");
        ClipPlan plan = new ClipPlan(3, 10, 1);
        GifClipWriter out = new GifClipWriter(gif, GifPalette.of(List.of(frame(0, 40, 20).argb()), new int[0]), plan);
        out.add(frame(0, 40, 20));
        out.discard();
        out.discard();
        assertThat(Files.readString(gif)).isEqualTo("the earlier export");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("old.gif");
        }
    }
}
