package org.m3vit.app.teach;

import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A GIF decoded as a viewer shows it: every frame laid over the picture so far at its position
 * (transparent pixels keep what was there), with its delay, the logical screen size and the loop flag.
 */
public record GifFrames(int width, int height, List<BufferedImage> frames, List<Integer> delays, List<String> disposals, boolean loopsForever) {

    public static GifFrames read(Path file) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in, false);
            IIOMetadataNode stream = (IIOMetadataNode) reader.getStreamMetadata().getAsTree("javax_imageio_gif_stream_1.0");
            IIOMetadataNode screen = child(stream, "LogicalScreenDescriptor");
            int w = Integer.parseInt(screen.getAttribute("logicalScreenWidth")), h = Integer.parseInt(screen.getAttribute("logicalScreenHeight"));
            int n = reader.getNumImages(true);
            BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            List<BufferedImage> frames = new ArrayList<>();
            List<Integer> delays = new ArrayList<>();
            List<String> disposals = new ArrayList<>();
            boolean loops = false;
            for (int i = 0; i < n; i++) {
                IIOMetadataNode meta = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode place = child(meta, "ImageDescriptor");
                IIOMetadataNode control = child(meta, "GraphicControlExtension");
                delays.add(Integer.parseInt(control.getAttribute("delayTime")));
                disposals.add(control.getAttribute("disposalMethod"));
                IIOMetadataNode apps = child(meta, "ApplicationExtensions");
                if (apps != null) {
                    for (Node a = apps.getFirstChild(); a != null; a = a.getNextSibling()) {
                        IIOMetadataNode app = (IIOMetadataNode) a;
                        byte[] data = (byte[]) app.getUserObject();
                        if ("NETSCAPE".equals(app.getAttribute("applicationID")) && data.length == 3 && data[0] == 1 && data[1] == 0 && data[2] == 0) {
                            loops = true;
                        }
                    }
                }
                BufferedImage part = reader.read(i);
                Graphics2D g = canvas.createGraphics();
                g.drawImage(part, Integer.parseInt(place.getAttribute("imageLeftPosition")), Integer.parseInt(place.getAttribute("imageTopPosition")), null);
                g.dispose();
                BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
                copy.getGraphics().drawImage(canvas, 0, 0, null);
                frames.add(copy);
            }
            return new GifFrames(w, h, frames, delays, disposals, loops);
        } finally {
            reader.dispose();
        }
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) if (n.getNodeName().equals(name)) return (IIOMetadataNode) n;
        return null;
    }
}
