package org.m3vit.app.hostile;

import org.m3vit.model.ConfigJson;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.WeightInit;
import org.m3vit.model.io.Safetensors;
import org.m3vit.model.io.Tensor;
import org.m3vit.model.io.StoredZip;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Builds hostile inputs at test time (nothing binary is committed): images, configs, model folders, pickles, zips, pipes. */
final class Craft {

    /** The real PyTorch 1.13 rank directory of the model module's tests, and its config. */
    static final Path FIXTURE = Path.of("../model/core/src/test/resources/checkpoint/torch-1.13").toAbsolutePath().normalize();

    /** A tiny config the engine runs in milliseconds: 32 x 48 input, 2 x 3 patches, 4 experts, two tasks. */
    static final ModelConfig TINY = new ModelConfig("hostile-tiny", 32, 48, 16, 16, 2, 2, 32, List.of(1), 4, 2, 16, 8,
            List.of(TaskSpec.of("semseg", TaskKind.SEGMENTATION, 3), TaskSpec.of("depth", TaskKind.DEPTH, 1)), "hostile input tests");

    private Craft() { }

    /** The tiny config's JSON text with {@code from} replaced by {@code to} (one mutation of a valid file). */
    static String tinyJson(String from, String to) {
        String json = ConfigJson.toJson(TINY);
        if (!json.contains(from)) throw new IllegalArgumentException("config JSON has no " + from);
        return json.replace(from, to);
    }

    /** Writes {@code text} to {@code file} and returns it. */
    static Path text(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A small RGB PNG. */
    static Path png(Path file) throws IOException {
        BufferedImage a = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) for (int x = 0; x < 40; x++) a.setRGB(x, y, (x * 6 << 16) | (y * 8 << 8) | 90);
        Files.createDirectories(file.getParent());
        ImageIO.write(a, "png", file.toFile());
        return file;
    }

    /** A JPEG with four colour components (CMYK as Java's encoder writes a 4-band raster). */
    static Path cmykJpeg(Path file) throws IOException {
        WritableRaster r = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) r.setPixel(x, y, new int[] {x * 16, y * 16, 40, 10});
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            w.write(null, new IIOImage(r, null, null), null);
        } finally {
            w.dispose();
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /** A named pipe: opening it for reading blocks until a writer comes, which none does. */
    static Path fifo(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        if (p.waitFor() != 0) throw new IOException("mkfifo failed");
        return file;
    }

    /** A model folder of the tiny config whose tensor {@code poisoned} holds {@code value} at 3 places. */
    static Path modelDir(Path dir, String poisoned, float value) throws IOException {
        Map<String, Tensor> w = WeightInit.random(TINY, 3);
        if (poisoned != null) {
            float[] d = w.get(poisoned).data();
            for (int i = 0; i < 3; i++) d[i * (d.length / 3)] = value;
        }
        Files.createDirectories(dir);
        ConfigJson.write(TINY, dir.resolve("config.json"));
        Safetensors.write(dir.resolve("model.safetensors"), w, Map.of("trained", "true", "provenance", "hostile test"));
        return dir;
    }

    /** A copy of the fixture's rank directory. */
    static Path ranks(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String f : List.of("0.pth", "1.pth")) Files.copy(FIXTURE.resolve("ranks").resolve(f), dir.resolve(f));
        return dir;
    }

    /** A torch.save zip holding only {@code archive/data.pkl} = {@code pickle} (and a version record). */
    static Path checkpoint(Path file, byte[] pickle) throws IOException {
        Files.createDirectories(file.getParent());
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            StoredZip.entry(z, "archive/data.pkl", pickle);
            StoredZip.entry(z, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    /** {@code source} rewritten with {@code entry} deflated, and its central-directory size then patched to {@code declared}. */
    static Path lyingSize(Path source, Path file, String entry, int declared) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(source.toFile()); ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Enumeration<? extends ZipEntry> en = in.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                byte[] data = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(entry)) {
                    z.putNextEntry(new ZipEntry(e.getName()));
                    z.write(data);
                    z.closeEntry();
                } else {
                    StoredZip.entry(z, e.getName(), data);
                }
            }
        }
        byte[] zip = bytes.toByteArray();
        byte[] name = entry.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 46 + name.length <= zip.length; i++) {
            if (le32(zip, i) == 0x02014b50 && matches(zip, i + 46, name)) {
                ByteBuffer.wrap(zip, i + 24, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(declared);
            }
        }
        Files.write(file, zip);
        return file;
    }

    /** Flips one data byte of the stored record {@code entry} in {@code file}, leaving its recorded CRC-32 as it was. */
    static void corruptRecord(Path file, String entry) throws IOException {
        byte[] zip = Files.readAllBytes(file);
        byte[] name = entry.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 30 + name.length <= zip.length; i++) {
            if (le32(zip, i) == 0x04034b50 && matches(zip, i + 30, name) && (zip[i + 26] & 0xFF) == name.length) {
                int extra = (zip[i + 28] & 0xFF) | (zip[i + 29] & 0xFF) << 8;
                zip[i + 30 + name.length + extra] ^= 0x5A;
                Files.write(file, zip);
                return;
            }
        }
        throw new IOException("no local header for " + entry);
    }

    private static int le32(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static boolean matches(byte[] b, int at, byte[] want) {
        for (int k = 0; k < want.length; k++) if (b[at + k] != want[k]) return false;
        return true;
    }
}
