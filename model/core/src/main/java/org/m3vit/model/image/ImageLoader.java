package org.m3vit.model.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads PNG, JPEG, BMP and GIF files into 8-bit sRGB images ({@link BufferedImage#TYPE_INT_RGB})
 * and refuses anything else with an {@link ImageLoadException} whose message starts with the path.
 *
 * <p>Conversions: grey, grey+alpha, palette, RGB and RGBA at any bit depth become 8-bit RGB
 * (16-bit samples are rounded, {@code v * 255 / 65535}); grey samples are copied to R, G and B
 * as stored (no gamma change); alpha is composited over white, so transparent areas look as an
 * image viewer shows them on a white page; other colour spaces (JPEG with an ICC profile) go
 * through Java's colour management to sRGB. A GIF's first frame is used. Sizes are checked from
 * the header before any pixel is decoded ({@link #MAX_SIDE}, {@link #MAX_PIXELS}), and a
 * decoder's warning (a truncated JPEG decodes silently with grey fill) refuses the file. CMYK and
 * YCCK JPEGs are refused (Java's decoder shows them with wrong colours); only regular files are opened.
 */
public final class ImageLoader {

    /** Largest accepted width or height, in pixels. */
    public static final int MAX_SIDE = 16_384;
    /** Largest accepted width x height (64 megapixels). */
    public static final long MAX_PIXELS = 64L * 1024 * 1024;
    /** The refusal text for a file of another kind. */
    public static final String NOT_AN_IMAGE = "not a PNG, JPEG, BMP or GIF image";

    private ImageLoader() { }

    /** Reads {@code file} as an 8-bit sRGB image, or refuses it. */
    public static BufferedImage load(Path file) throws ImageLoadException {
        String format = sniffFormat(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) throw new ImageLoadException(file, "cannot be opened for reading");
            ImageReader reader = readerFor(file, format);
            try {
                reader.setInput(in, true, true);
                checkSize(file, reader.getWidth(0), reader.getHeight(0));
                checkDensity(file, reader.getWidth(0), reader.getHeight(0));
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener(collector(warnings));
                ImageReadParam param = reader.getDefaultReadParam();
                BufferedImage decoded = reader.read(0, param);
                if (!warnings.isEmpty()) {
                    throw new ImageLoadException(file, "truncated or corrupt " + format + " image: " + warnings.get(0));
                }
                return toSrgb(decoded);
            } finally {
                reader.dispose();
            }
        } catch (ImageLoadException e) {
            throw e;
        } catch (IIOException e) {
            throw new ImageLoadException(file, "truncated or corrupt " + format + " image: " + rootMessage(e), e);
        } catch (IOException e) {
            throw new ImageLoadException(file, "cannot be read: " + rootMessage(e), e);
        } catch (RuntimeException e) {
            // Decoders throw index and state errors on malformed data instead of an IIOException.
            throw new ImageLoadException(file, "corrupt " + format + " image: " + rootMessage(e), e);
        }
    }

    /**
     * Width and height from the file's header without decoding the pixels; refuses missing,
     * empty, non-image and over-sized files like {@link #load}.
     */
    public static int[] headerSize(Path file) throws ImageLoadException {
        String format = sniffFormat(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(file, format);
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                checkSize(file, w, h);
                return new int[] {w, h};
            } finally {
                reader.dispose();
            }
        } catch (ImageLoadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageLoadException(file, "unreadable " + format + " header: " + rootMessage(e), e);
        }
    }

    /** True when the file name ends in an extension this loader reads (for scanning folders). */
    public static boolean hasImageExtension(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp") || n.endsWith(".gif");
    }

    /** The format named by the file's first bytes (ImageIO's own sniffing also accepts WBMP, TIFF ...). */
    static String sniffFormat(Path file) throws ImageLoadException {
        if (!Files.exists(file)) throw new ImageLoadException(file, "file not found");
        if (Files.isDirectory(file)) throw new ImageLoadException(file, "is a directory, not an image file");
        if (!Files.isRegularFile(file)) {
            throw new ImageLoadException(file, "is not a regular file (a pipe, device or socket); only regular files are read");
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new ImageLoadException(file, "cannot be read: " + rootMessage(e), e);
        }
        if (n == 0) throw new ImageLoadException(file, "empty file (0 bytes)");
        if (n >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) return "png";
        if (n >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) return jpeg(file);
        if (n >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8'
                && (head[4] == '7' || head[4] == '9') && head[5] == 'a') return "gif";
        if (n >= 2 && head[0] == 'B' && head[1] == 'M') return "bmp";
        throw new ImageLoadException(file, NOT_AN_IMAGE);
    }

    /** "jpeg" for a grey or colour JPEG; refuses CMYK and YCCK (4 components) and other counts. */
    private static String jpeg(Path file) throws ImageLoadException {
        int components;
        try {
            components = JpegComponents.count(file);
        } catch (IOException e) {
            throw new ImageLoadException(file, "cannot be read: " + rootMessage(e), e);
        }
        if (components == 4) {
            throw new ImageLoadException(file, "is a CMYK (or YCCK) JPEG, which is not supported: convert it to RGB first "
                    + "(e.g. convert in.jpg -colorspace sRGB out.jpg)");
        }
        if (components != -1 && components != 1 && components != 3) {
            throw new ImageLoadException(file, "is a JPEG with " + components + " colour components; only grey (1) and colour (3) are read");
        }
        return "jpeg";
    }

    private static ImageReader readerFor(Path file, String format) throws ImageLoadException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) throw new ImageLoadException(file, "no " + format + " decoder in this Java runtime");
        return readers.next();
    }

    private static void checkSize(Path file, int w, int h) throws ImageLoadException {
        if (w < 1 || h < 1) throw new ImageLoadException(file, "header says " + w + " x " + h + " pixels");
        if (w > MAX_SIDE || h > MAX_SIDE || (long) w * h > MAX_PIXELS) {
            throw new ImageLoadException(file, "image of " + w + " x " + h + " pixels is too large (limit "
                    + MAX_SIDE + " px per side and " + MAX_PIXELS / (1024 * 1024) + " megapixels)");
        }
    }

    /**
     * Refuses a header that claims far more pixels than the file's bytes could encode (no decoder packs
     * more than {@value #PIXELS_PER_BYTE} pixels into a byte): a tiny forged file must not make the decoder
     * allocate a 64-megapixel raster.
     */
    private static void checkDensity(Path file, int w, int h) throws ImageLoadException {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new ImageLoadException(file, "cannot be read: " + rootMessage(e), e);
        }
        if ((long) w * h > PIXELS_PER_BYTE * bytes + (1 << 20)) {
            throw new ImageLoadException(file, "header claims " + w + " x " + h + " pixels, more than its " + bytes
                    + " bytes can hold; the file is corrupt");
        }
    }

    /** Largest plausible pixels per byte of a compressed image (deflate's ratio is about 1032:1, 8 pixels per byte at 1 bit). */
    static final long PIXELS_PER_BYTE = 16_384;

    private static IIOReadWarningListener collector(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null) b.append(": ").append(root.getMessage());
        }
        return b.toString();
    }

    /** 8-bit sRGB copy of any decoded image, alpha composited over white. */
    static BufferedImage toSrgb(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        ColorModel cm = src.getColorModel();
        ColorSpace cs = cm.getColorSpace();
        boolean rawComponents = cm instanceof ComponentColorModel
                && (cs.getType() == ColorSpace.TYPE_GRAY || cs.isCS_sRGB());
        int[] row = new int[w];
        if (rawComponents) {
            Raster raster = src.getRaster();
            int colours = cm.getNumColorComponents();
            boolean alpha = cm.hasAlpha();
            boolean premultiplied = cm.isAlphaPremultiplied();
            double[] max = new double[cm.getNumComponents()];
            for (int b = 0; b < max.length; b++) max[b] = (1L << cm.getComponentSize(b)) - 1;
            double[] px = new double[max.length];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int b = 0; b < px.length; b++) px[b] = raster.getSample(x, y, b) / max[b];
                    double a = alpha ? px[colours] : 1.0;
                    double r = px[0];
                    double g = colours == 1 ? px[0] : px[1];
                    double bl = colours == 1 ? px[0] : px[2];
                    row[x] = (over(r, a, premultiplied) << 16) | (over(g, a, premultiplied) << 8) | over(bl, a, premultiplied);
                }
                out.setRGB(0, y, w, 1, row, 0, w);
            }
        } else {
            for (int y = 0; y < h; y++) {
                src.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int argb = row[x];
                    double a = (argb >>> 24) / 255.0;
                    row[x] = (over(((argb >> 16) & 0xFF) / 255.0, a, false) << 16)
                            | (over(((argb >> 8) & 0xFF) / 255.0, a, false) << 8)
                            | over((argb & 0xFF) / 255.0, a, false);
                }
                out.setRGB(0, y, w, 1, row, 0, w);
            }
        }
        return out;
    }

    /** A colour component in [0, 1] with alpha {@code a}, composited over white, as 0..255. */
    private static int over(double c, double a, boolean premultiplied) {
        double v = premultiplied ? c + (1 - a) : c * a + (1 - a);
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }
}
