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
 * Writes a clip as an animated GIF with javax.imageio: every frame whole, in one {@link GifPalette}
 * without dithering, each frame's delay from the {@link ClipPlan} (whole centiseconds that keep the
 * clip's length), looping forever (the NETSCAPE2.0 application extension on the first frame).
 */
public final class GifClipWriter implements FrameSink {

    static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";

    private final AtomicFiles.Pending pending;
    private final GifPalette palette;
    private final IndexColorModel model;
    private final ClipPlan plan;
    private final ImageWriter writer;
    private final ImageWriteParam param;
    private final FileImageOutputStream out;
    private int written;
    private boolean open = true;
    private boolean committed;

    /** Starts the GIF {@code target} (under a temporary name) for the frames of {@code plan}, coloured by {@code palette}. */
    public GifClipWriter(Path target, GifPalette palette, ClipPlan plan) throws IOException {
        this.pending = AtomicFiles.begin(target);
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
    public Path target() { return pending.target(); }

    @Override
    public void add(Frame frame) throws IOException {
        if (written >= plan.frames()) throw new IllegalStateException("the clip has " + plan.frames() + " frames; got one more");
        byte[] pixels = new byte[frame.width() * frame.height()];
        palette.indexInto(frame.argb(), pixels);
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(pixels, pixels.length), frame.width(), frame.height(),
                frame.width(), 1, new int[] {0}, null);
        BufferedImage img = new BufferedImage(model, raster, false, null);
        IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), param);
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(IMAGE_FORMAT);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(plan.delayCentiseconds(written)));
        control.setAttribute("transparentColorIndex", "0");
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
        out.close();
    }

    @Override
    public void commit() throws IOException {
        pending.commit();
        committed = true;
    }

    @Override
    public void discard() {
        if (committed) return;
        try {
            close();
        } catch (IOException ignored) {
            // the file is deleted next; the failure that led here is what gets reported
        }
        pending.discard();
    }
}
