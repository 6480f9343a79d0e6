package org.m3vit.app.cli;

import org.m3vit.model.board.BackboneArithmetic;
import org.m3vit.model.board.BackboneEmulator;
import org.m3vit.model.board.WeightReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The notes {@code infer} and {@code eval} print when an emulated arithmetic had to wrap weights that lie outside their format. */
final class WeightRangeNote {

    private WeightRangeNote() { }

    /** One line per converted tensor with values out of range; none when everything fits. */
    static List<String> lines(BackboneEmulator emulator, BackboneArithmetic arithmetic) {
        List<String> out = new ArrayList<>();
        for (WeightReport.Entry e : emulator.weightReport().outOfRange()) {
            String hint = arithmetic == BackboneArithmetic.BOARD && e.tensor().startsWith("backbone.patch_embed.proj.weight")
                    ? "; --arithmetic board-wide-patch gives them ap_fixed<16,1>" : "";
            out.add(String.format(Locale.ROOT, "note: %s arithmetic: %d of %d values of %s lie outside %s (largest |value| %.4g, the format's"
                    + " largest %.5g) and wrap around%s", arithmetic.label(), e.outOfRange(), e.values(), e.tensor(), e.format(), e.maxAbs(),
                    e.formatMax(), hint));
        }
        return out;
    }

    /** Prints {@link #lines} on stderr. */
    static void print(BackboneEmulator emulator, BackboneArithmetic arithmetic) {
        for (String line : lines(emulator, arithmetic)) System.err.println(line);
    }
}
