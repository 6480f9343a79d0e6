package org.m3vit.model.image;

import java.util.Locale;

/**
 * How an image whose shape differs from the model's input is fitted to it: letterboxed (scaled
 * to fit whole, the rest padded with the ImageNet mean colour, which the normalisation turns
 * into zeros), centre-cropped (scaled to cover, the overhang cut off), or stretched (scaled
 * per axis, distorting it).
 */
public enum ImageFit {
    LETTERBOX, CROP, STRETCH;

    /**
     * Where an image lands in the model's input: the rectangle of the image that is used
     * (source pixels) and the rectangle of the input it is drawn into; outside it is padding.
     */
    public record Placement(int imageWidth, int imageHeight, int srcX, int srcY, int srcW, int srcH,
                            int width, int height, int dstX, int dstY, int dstW, int dstH) {

        /** True when the whole input shows the whole image with one scale for both axes (within a pixel). */
        public boolean isExact() {
            return srcW == imageWidth && srcH == imageHeight && dstW == width && dstH == height
                    && Math.abs((double) imageWidth / imageHeight - (double) width / height) * height < 1;
        }

        /** True when input pixel (x, y) is padding, not part of the image. */
        public boolean isPadding(int x, int y) {
            return x < dstX || y < dstY || x >= dstX + dstW || y >= dstY + dstH;
        }

        /**
         * The horizontal position of input pixel column {@code x}'s centre in the image, as a
         * fraction of its width (0..1), so that files of any resolution (ground truth) map alike.
         */
        public double imageFractionX(int x) { return (srcX + (x - dstX + 0.5) * srcW / dstW) / imageWidth; }

        /** As {@link #imageFractionX} for row {@code y}. */
        public double imageFractionY(int y) { return (srcY + (y - dstY + 0.5) * srcH / dstH) / imageHeight; }

        /** How much the used part of the image is enlarged (above 1) or reduced (below 1) horizontally. */
        public double scaleX() { return (double) dstW / srcW; }

        /** True when the model does not see the image as it is: its shape changed, or it is enlarged more than 2x. */
        public boolean needsNotice() { return !isExact() || scaleX() > 2; }

        /** A one-line account for the window and the command line, e.g. "480x1200 letterboxed: scaled to 51x128, padded to 160x128". */
        public String describe(ImageFit fit) {
            String enlarged = scaleX() > 2 ? String.format(Locale.ROOT, " (enlarged %.1fx: the model sees interpolated pixels)", scaleX()) : "";
            return describeShape(fit) + enlarged;
        }

        private String describeShape(ImageFit fit) {
            String size = imageWidth + "x" + imageHeight;
            if (isExact()) return size + " scaled to " + width + "x" + height;
            return switch (fit) {
                case LETTERBOX -> size + " letterboxed: scaled to " + dstW + "x" + dstH + ", padded to " + width + "x" + height;
                case CROP -> size + " centre-cropped to " + srcW + "x" + srcH + ", scaled to " + width + "x" + height;
                case STRETCH -> size + " stretched to " + width + "x" + height + " (aspect ratio not kept)";
            };
        }
    }

    /** The placement of a {@code imageWidth} x {@code imageHeight} image in a {@code width} x {@code height} input. */
    public Placement place(int imageWidth, int imageHeight, int width, int height) {
        if (imageWidth < 1 || imageHeight < 1 || width < 1 || height < 1) {
            throw new IllegalArgumentException("sizes must be positive: image " + imageWidth + "x" + imageHeight + ", input " + width + "x" + height);
        }
        return switch (this) {
            case STRETCH -> new Placement(imageWidth, imageHeight, 0, 0, imageWidth, imageHeight, width, height, 0, 0, width, height);
            case LETTERBOX -> {
                double s = Math.min((double) width / imageWidth, (double) height / imageHeight);
                int dw = Math.max(1, Math.min(width, (int) Math.round(imageWidth * s)));
                int dh = Math.max(1, Math.min(height, (int) Math.round(imageHeight * s)));
                yield new Placement(imageWidth, imageHeight, 0, 0, imageWidth, imageHeight, width, height,
                        (width - dw) / 2, (height - dh) / 2, dw, dh);
            }
            case CROP -> {
                double s = Math.max((double) width / imageWidth, (double) height / imageHeight);
                int sw = Math.max(1, Math.min(imageWidth, (int) Math.round(width / s)));
                int sh = Math.max(1, Math.min(imageHeight, (int) Math.round(height / s)));
                yield new Placement(imageWidth, imageHeight, (imageWidth - sw) / 2, (imageHeight - sh) / 2, sw, sh,
                        width, height, 0, 0, width, height);
            }
        };
    }

    /** The option spelling: "letterbox", "crop", "stretch". */
    public String optionName() { return name().toLowerCase(Locale.ROOT); }

    /** Parses an option value ("letterbox", "crop", "stretch"), naming the choices when it is none of them. */
    public static ImageFit parse(String s) {
        for (ImageFit f : values()) if (f.optionName().equalsIgnoreCase(s == null ? "" : s.trim())) return f;
        throw new IllegalArgumentException("unknown image fit '" + s + "': use letterbox, crop or stretch");
    }
}
