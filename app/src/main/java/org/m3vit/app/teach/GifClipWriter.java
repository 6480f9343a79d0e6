package org.m3vit.app.teach;

import org.m3vit.model.guard.AtomicFiles;
import org.m3vit.model.guard.OutputWriteException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.FileImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Writes a clip as an animated GIF with javax.imageio: one {@link GifPalette} for every frame, without
 * dithering; each frame's delay from the {@link ClipPlan} (whole centiseconds that keep the clip's
 * length); looping forever (the NETSCAPE2.0 application extension on the first frame). The first
 * frame is whole; every later one only the rectangle that changed, laid over the frame before it
 * ("do not dispose"), its unchanged pixels transparent, so long runs compress to little.
 */
public final class GifClipWriter extends FileSink {

    static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";

    private final GifPalette palette;
    private final IndexColorModel model;
    private final ClipPlan plan;
    private final ImageWriter writer;
    private final ImageWriteParam param;
    private FileImageOutputStream out;
    private int written;
    private byte[] previous;
    private boolean open = true;

    /** Starts the GIF {@code target} (under a temporary name) for the frames of {@code plan}, coloured by {@code palette}. */
    public GifClipWriter(Path target, GifPalette palette, ClipPlan plan) throws IOException {
        super(target);
        this.palette = palette;
        this.model = palette.colorModel();
        this.plan = plan;
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) throw new OutputWriteException(pending.target(), "this Java has no GIF writer", null);
        writer = writers.next();
        param = writer.getDefaultWriteParam();
        try {
            out = new FileImageOutputStream(new RandomAccessFile(pending.temporary().toFile(), "rw"));
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
        } catch (IOException e) {
            discard();
            throw new OutputWriteException(pending.target(), AtomicFiles.reason(e), e);
        }
    }

    @Override
    public void add(Frame frame) throws IOException {
        if (written >= plan.frames()) throw new IllegalStateException("the clip has " + plan.frames() + " frames; got one more");
        int w = frame.width(), h = frame.height();
        byte[] pixels = new byte[w * h];
        palette.indexInto(frame.argb(), pixels);
        int[] box = previous == null ? new int[] {0, 0, w, h} : changed(previous, pixels, w, h);
        byte[] part = previous == null ? pixels : part(previous, pixels, w, box);
        previous = pixels;
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(part, part.length), box[2], box[3], box[2], 1, new int[] {0}, null);
        BufferedImage img = new BufferedImage(model, raster, false, null);
        IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), param);
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(IMAGE_FORMAT);
        IIOMetadataNode place = child(root, "ImageDescriptor");
        place.setAttribute("imageLeftPosition", Integer.toString(box[0]));
        place.setAttribute("imageTopPosition", Integer.toString(box[1]));
        place.setAttribute("imageWidth", Integer.toString(box[2]));
        place.setAttribute("imageHeight", Integer.toString(box[3]));
        place.setAttribute("interlaceFlag", "FALSE");
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "doNotDispose");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", written == 0 ? "FALSE" : "TRUE");
        control.setAttribute("delayTime", Integer.toString(plan.delayCentiseconds(written)));
        control.setAttribute("transparentColorIndex", Integer.toString(GifPalette.TRANSPARENT));
        if (written == 0) {
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever
            child(root, "ApplicationExtensions").appendChild(loop);
        }
        try {
            meta.setFromTree(IMAGE_FORMAT, root);
            writer.writeToSequence(new IIOImage(img, null, meta), param);
        } catch (IOException e) {
            throw new OutputWriteException(pending.target(), AtomicFiles.reason(e), e);
        }
        written++;
    }

    /** The rectangle {x, y, width, height} where {@code now} differs from {@code before}; one pixel when nothing changed. */
    static int[] changed(byte[] before, byte[] now, int w, int h) {
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                if (before[row + x] != now[row + x]) {
                    if (x < x0) x0 = x;
                    if (x > x1) x1 = x;
                    if (y < y0) y0 = y;
                    y1 = y;
                }
            }
        }
        return x1 < 0 ? new int[] {0, 0, 1, 1} : new int[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    }

    /** The pixels of {@code now} inside {@code box}, those equal to {@code before} made transparent. */
    static byte[] part(byte[] before, byte[] now, int w, int[] box) {
        byte[] out = new byte[box[2] * box[3]];
        for (int y = 0; y < box[3]; y++) {
            int src = (box[1] + y) * w + box[0], dst = y * box[2];
            for (int x = 0; x < box[2]; x++) {
                out[dst + x] = before[src + x] == now[src + x] ? (byte) GifPalette.TRANSPARENT : now[src + x];
            }
        }
        return out;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(i);
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    @Override
    public void finish() throws IOException {
        if (written != plan.frames()) throw new IllegalStateException("the clip has " + plan.frames() + " frames; " + written + " were written");
        try {
            writer.endWriteSequence();
            close();
        } catch (IOException e) {
            throw new OutputWriteException(pending.target(), AtomicFiles.reason(e), e);
        }
    }

    private void close() throws IOException {
        if (!open) return;
        open = false;
        writer.dispose();
        if (out != null) out.close();
    }

    @Override
    protected void stop() {
        try {
            close();
        } catch (IOException ignored) {
            // the file is deleted next; the failure that led here is what gets reported
        }
    }
}
