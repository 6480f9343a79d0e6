package org.m3vit.app.teach;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The palette keeps flat and required colours exactly and maps the rest to the nearest entry. */
class GifPaletteTest {

    @Test
    void keepsRequiredAndFlatColoursExactlyAmongThousandsOfShades() {
        int[] frame = new int[200 * 100];
        for (int i = 0; i < frame.length; i++) frame[i] = 0xFF000000 | (i * 7919 % 0xFFFFFF); // 20,000 different colours, one pixel each
        for (int i = 0; i < 4000; i++) frame[i] = 0xFF1B1F24;          // a flat background
        for (int i = 4000; i < 5000; i++) frame[i] = 0xFF4E79A7;       // a flat expert box
        int rare = 0xFFE15759;                                          // required although it is on no pixel
        GifPalette p = GifPalette.of(List.of(frame), new int[] {rare});
        assertThat(p.used()).isLessThanOrEqualTo(GifPalette.COLOURS);
        for (int c : new int[] {0xFF1B1F24, 0xFF4E79A7, rare}) {
            assertThat(p.holdsExactly(c)).as("%06x", c & 0xFFFFFF).isTrue();
            assertThat(p.rgb(p.index(c))).isEqualTo(c & 0xFFFFFF);
        }
        assertThat(p.rgb(p.index(rare))).isEqualTo(0xE15759);
        assertThat(p.index(0xFF000000)).isNotEqualTo(GifPalette.TRANSPARENT);
    }

    @Test
    void mapsAColourNotInTheTableToTheNearestEntry() {
        int[] frame = new int[3000];
        for (int i = 0; i < 1000; i++) frame[i] = 0xFF000000;
        for (int i = 1000; i < 2000; i++) frame[i] = 0xFFFFFFFF;
        for (int i = 2000; i < 3000; i++) frame[i] = 0xFF0000FF;
        GifPalette p = GifPalette.of(List.of(frame), new int[0]);
        assertThat(p.used()).isEqualTo(3);
        assertThat(p.rgb(p.index(0xFF202020))).isEqualTo(0x000000);  // dark grey -> black
        assertThat(p.rgb(p.index(0xFFE0E0E0))).isEqualTo(0xFFFFFF);  // light grey -> white
        assertThat(p.rgb(p.index(0xFF1010C0))).isEqualTo(0x0000FF);  // dark blue -> blue
        assertThat(p.rgb(p.index(0xFF1010C0))).isEqualTo(0x0000FF);  // the second look-up, from the table, agrees
    }
}
