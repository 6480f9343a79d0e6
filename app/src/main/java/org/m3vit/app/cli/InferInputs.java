package org.m3vit.app.cli;

import org.m3vit.model.image.ImageLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The images an {@code infer} run processes: one file, or every file with an image extension
 * directly inside a folder (sorted by name, hidden files skipped), each with the stem its
 * outputs are named after (unique: "a.png" and "a.jpg" become "a" and "a_jpg").
 */
record InferInputs(List<Input> images, List<Path> skipped) {

    /** One image file and the stem of its output files. */
    record Input(Path file, String stem) { }

    static InferInputs of(Path input) throws IOException {
        if (!Files.exists(input)) throw new IOException(input + ": input file or folder not found");
        List<Path> files = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        if (Files.isDirectory(input)) {
            try (Stream<Path> s = Files.list(input)) {
                for (Path p : s.sorted().toList()) {
                    if (!Files.isRegularFile(p) || p.getFileName().toString().startsWith(".")) continue;
                    if (ImageLoader.hasImageExtension(p)) files.add(p);
                    else skipped.add(p);
                }
            }
            if (files.isEmpty()) throw new IOException(input + ": no .png, .jpg, .jpeg, .bmp or .gif file in this folder");
        } else {
            files.add(input);   // a single file is tried whatever its name; the loader says what is wrong
        }
        Set<String> used = new HashSet<>();
        List<Input> images = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String stem = dot > 0 ? name.substring(0, dot) : name;
            if (!used.add(stem.toLowerCase(Locale.ROOT))) {
                stem = name.replace('.', '_');
                used.add(stem.toLowerCase(Locale.ROOT));
            }
            images.add(new Input(f, stem));
        }
        return new InferInputs(List.copyOf(images), List.copyOf(skipped));
    }
}
