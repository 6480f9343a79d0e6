package org.m3vit.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Resident memory of this process (VmRSS of /proc/self/status) and a repeated-inference memory check. */
public final class MemoryProbe {

    /** After pass {@code pass} (0 = after the warm-up): VmRSS and the Java heap's committed and used KiB (after a GC). */
    public record Sample(int pass, long rssKb, long heapCommittedKb, long heapUsedKb) { }

    private MemoryProbe() { }

    /** Current VmRSS in KiB, or -1 where /proc is not available. */
    public static long residentKb() { return statusKb("VmRSS:"); }

    /** The peak VmRSS of this process so far (VmHWM) in KiB, or -1 where /proc is not available. */
    public static long peakResidentKb() { return statusKb("VmHWM:"); }

    private static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static Sample sample(int pass) {
        System.gc();
        java.lang.management.MemoryUsage heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new Sample(pass, residentKb(), heap.getCommitted() / 1024, heap.getUsed() / 1024);
    }

    /** Runs {@code warmup} then {@code passes} single-task inferences (tasks in turn), sampling VmRSS every {@code every} passes. */
    public static List<Sample> repeatedInference(MultiTaskModel model, int warmup, int passes, int every) {
        ModelConfig c = model.config();
        float[] image = new float[3 * c.imageHeight() * c.imageWidth()];
        java.util.Random rng = new java.util.Random(1);
        for (int i = 0; i < image.length; i++) image[i] = (float) rng.nextGaussian();
        for (int i = 0; i < warmup; i++) model.infer(image, List.of(c.tasks().get(i % c.numTasks()).name()));
        List<Sample> samples = new ArrayList<>();
        samples.add(sample(0));
        for (int i = 1; i <= passes; i++) {
            model.infer(image, List.of(c.tasks().get(i % c.numTasks()).name()));
            if (i % every == 0 || i == passes) samples.add(sample(i));
        }
        return samples;
    }
}
