package org.m3vit.app.service;

import org.m3vit.model.image.ImageLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The images in the sample folder ({@code ${m3vit.home}/sample-images}) and, for each, the
 * ground-truth files found beside it: {@code <name>-class.png}, {@code <name>-depth.npy},
 * {@code <name>-normals.npy}. Pictures of ground truth beside an image ({@code -class.png},
 * {@code -class-color.png}, {@code -depth.png}, {@code -normals.png}) are not listed as samples.
 */
public final class SampleGallery {

    /** Suffix of a class-label image. */
    public static final String CLASS_SUFFIX = "-class.png";
    /** Suffix of a depth array. */
    public static final String DEPTH_SUFFIX = "-depth.npy";
    /** Suffix of a normals array. */
    public static final String NORMALS_SUFFIX = "-normals.npy";

    /** One sample image and its ground-truth files (null when absent). */
    public record Sample(String name, Path image, Path classes, Path depth, Path normals) {
        /** True when any ground truth exists. */
        public boolean hasTruth() { return classes != null || depth != null || normals != null; }
    }

    private SampleGallery() { }

    /** The default sample folder. */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("m3vit.home", ".")).resolve("sample-images");
    }

    /** The samples of {@code folder} in natural name order (scene-7 before scene-10); empty when the folder does not exist. */
    public static List<Sample> scan(Path folder) throws IOException {
        List<Sample> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) return out;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.sorted(NATURAL).toList()) {
                String n = p.getFileName().toString();
                if (!Files.isRegularFile(p) || !ImageLoader.hasImageExtension(p) || isCompanion(p)) continue;
                out.add(sampleFor(p));
            }
        }
        return out;
    }

    /**
     * The image a window opens with: the most recent file that still exists, else the first
     * sample with ground truth in {@code folder}, else its first sample; empty when there is none.
     */
    public static java.util.Optional<Path> startImage(List<String> recentFiles, Path folder) {
        for (String f : recentFiles) {
            Path p = Path.of(f);
            if (Files.isRegularFile(p)) return java.util.Optional.of(p);
        }
        try {
            List<Sample> samples = scan(folder);
            return samples.stream().filter(Sample::hasTruth).findFirst().or(() -> samples.stream().findFirst()).map(Sample::image);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Compares file names with runs of digits as numbers: scene-7 before scene-10. */
    static final Comparator<Path> NATURAL = (a, b) -> compareNatural(a.getFileName().toString(), b.getFileName().toString());

    static int compareNatural(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i), cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = i, ej = j;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) ei++;
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) ej++;
                int c = new java.math.BigInteger(a.substring(i, ei)).compareTo(new java.math.BigInteger(b.substring(j, ej)));
                if (c != 0) return c;
                i = ei;
                j = ej;
            } else {
                if (ca != cb) return Character.compare(ca, cb);
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    /** Pictures written beside a scene (labels, depth, normals as images) are not samples themselves. */
    private static final String[] COMPANIONS = {"-class", "-class-color", "-depth", "-normals"};

    /** True when {@code file} is {@code <stem><companion>.png} next to an existing {@code <stem>.png}. */
    static boolean isCompanion(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String stem = dot > 0 ? n.substring(0, dot) : n;
        for (String c : COMPANIONS) {
            if (stem.endsWith(c) && stem.length() > c.length()) {
                String base = stem.substring(0, stem.length() - c.length());
                if (Files.isRegularFile(file.resolveSibling(base + ".png")) || Files.isRegularFile(file.resolveSibling(base + ".jpg"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The sample record of one image file, with whatever ground truth lies beside it. */
    public static Sample sampleFor(Path image) {
        String n = image.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String stem = dot > 0 ? n.substring(0, dot) : n;
        Path dir = image.toAbsolutePath().getParent();
        return new Sample(stem, image, existing(dir.resolve(stem + CLASS_SUFFIX)),
                existing(dir.resolve(stem + DEPTH_SUFFIX)), existing(dir.resolve(stem + NORMALS_SUFFIX)));
    }

    private static Path existing(Path p) { return Files.isRegularFile(p) ? p : null; }
}
