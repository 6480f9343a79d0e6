package org.m3vit.model.guard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3vit.model.ConfigJson;
import org.m3vit.model.Presets;
import org.m3vit.model.image.ImageLoadException;
import org.m3vit.model.image.ImageLoader;
import org.m3vit.model.io.Safetensors;
import org.m3vit.model.io.Tensor;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Bounded-time fuzzing (fixed seeds) of the readers of untrusted files: random mutations of valid
 * images, safetensors files and model configs must be read or refused with the reader's own
 * exception, never crash with anything else, hang or run out of memory.
 */
class InputFuzzTest {

    private static final int CASES = 150;

    @TempDir
    Path tmp;

    /** Runs {@code cases} mutations of {@code valid} through {@code reader}; returns the failures that were not refusals. */
    private List<String> fuzz(String name, byte[] valid, int prefix, long seed, Reader reader) throws IOException {
        Mutations m = new Mutations(seed);
        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            Path f = tmp.resolve(name + "-" + i);
            Files.write(f, m.mutate(valid, prefix));
            try {
                reader.read(f);
            } catch (IOException expected) {
                assertThat(expected.getMessage()).as("refusal names the file").contains(f.toString());
                refused++;
            } catch (Throwable t) {
                failures.add(name + " case " + i + ": " + t);
            }
            Files.delete(f);
        }
        assertThat(refused).as(name + ": some mutations are refused").isPositive();
        return failures;
    }

    /** A reader of one file. */
    interface Reader {
        void read(Path file) throws IOException;
    }

    private static byte[] image(String format, BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    private static BufferedImage rgb() {
        BufferedImage a = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 24; x++) a.setRGB(x, y, (x * 10 << 16) | (y * 15 << 8) | 77);
        return a;
    }

    @Test
    void imageLoaderReadsOrRefusesMutatedImages() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            byte[] r = {0, (byte) 255}, g = {0, (byte) 128}, b = {(byte) 255, 0};
            BufferedImage palette = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(1, 2, r, g, b));
            BufferedImage grey16 = new BufferedImage(24, 16, BufferedImage.TYPE_USHORT_GRAY);
            List<String> failures = new ArrayList<>();
            Reader load = ImageLoader::load;
            failures.addAll(fuzz("png", image("png", rgb()), 8, 1, load));
            failures.addAll(fuzz("png-palette", image("png", palette), 8, 2, load));
            failures.addAll(fuzz("png-grey16", image("png", grey16), 8, 3, load));
            failures.addAll(fuzz("jpeg", image("jpeg", rgb()), 3, 4, load));
            failures.addAll(fuzz("bmp", image("bmp", rgb()), 2, 5, load));
            failures.addAll(fuzz("gif", image("gif", rgb()), 6, 6, load));
            assertThat(failures).isEmpty();
        });
    }

    @Test
    void forgedHugeHeaderIsRefusedWithoutDecoding() throws IOException {
        byte[] png = image("png", rgb());
        // IHDR width and height (bytes 16..23) set to 8000 x 8000: 64 megapixels claimed by a file of a few hundred bytes
        for (int i = 16; i < 24; i += 4) {
            png[i] = 0;
            png[i + 1] = 0;
            png[i + 2] = (byte) (8000 >> 8);
            png[i + 3] = (byte) (8000 & 0xFF);
        }
        Path f = Files.write(tmp.resolve("forged.png"), png);
        try {
            ImageLoader.load(f);
            throw new AssertionError("forged header accepted");
        } catch (ImageLoadException e) {
            assertThat(e.getMessage()).isEqualTo(f + ": header claims 8000 x 8000 pixels, more than its " + png.length
                    + " bytes can hold; the file is corrupt");
        }
    }

    @Test
    void safetensorsReaderReadsOrRefusesMutatedFiles() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Map<String, Tensor> t = new LinkedHashMap<>();
            t.put("a.weight", new Tensor(new long[] {3, 4}, new float[12]));
            t.put("b.bias", new Tensor(new long[] {5}, new float[] {1, 2, 3, 4, 5}));
            Path valid = tmp.resolve("valid.safetensors");
            Safetensors.write(valid, t, Map.of("trained", "true"));
            byte[] bytes = Files.readAllBytes(valid);
            List<String> failures = new ArrayList<>(fuzz("safetensors", bytes, 0, 7, Safetensors::read));
            failures.addAll(fuzz("safetensors-header", bytes, 8, 8, Safetensors::read));
            assertThat(failures).isEmpty();
        });
    }

    @Test
    void configReaderReadsOrRefusesMutatedConfigs() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Mutations m = new Mutations(9);
            List<String> failures = new ArrayList<>();
            for (String preset : List.of("m3vit-synth", "m3vit-s-nyud")) {
                String valid = ConfigJson.toJson(Presets.get(preset));
                for (int i = 0; i < CASES; i++) {
                    Path f = Files.writeString(tmp.resolve(preset + "-" + i + ".json"), m.mutate(valid));
                    try {
                        ConfigJson.read(f);
                    } catch (IOException expected) {
                        assertThat(expected.getMessage()).startsWith(f.toString()).doesNotContain("com.fasterxml").doesNotContain("[Source:");
                    } catch (Throwable e) {
                        failures.add(preset + " case " + i + ": " + e);
                    }
                }
            }
            assertThat(failures).isEmpty();
        });
    }
}
