package org.m3vit.model;

import org.m3vit.model.nn.MoeExecution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Sparse forward passes of one task timed on request, for a comparison that takes turns with another process
 * (benchmarks/forward_turns.py): both stay warm, and a slow spell of the machine falls on both instead of on
 * whichever process ran then. Protocol over two named pipes: after the warm-up of {@link ForwardBenchmark#run}
 * it writes {@code ready} to {@code done}; then each line {@code N} read from {@code go} runs N passes and is
 * answered by {@code ok} and their wall times in ms; {@code end} or the end of {@code go} stops it.
 */
public final class ForwardTurns {

    private ForwardTurns() { }

    /** Serves turns of {@code task} passes on one image of standard normal values from {@code imageSeed}. */
    public static void serve(M3ViTModel model, long imageSeed, String task, Path go, Path done) throws IOException {
        ModelConfig c = model.config();
        int t = c.taskIndex(task);
        float[] image = ForwardBenchmark.randomImage(c, imageSeed);
        ForwardBenchmark.warmEveryTask(model, image, task);
        ForwardBenchmark.settle(model, image, t, MoeExecution.SPARSE); // as before a timed series of ForwardBenchmark.run
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(done, StandardCharsets.UTF_8), true)) {
            out.println("ready");
            try (BufferedReader in = Files.newBufferedReader(go, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null && !line.strip().equals("end"); line = in.readLine()) {
                    int n = parsePasses(line, go);
                    StringBuilder reply = new StringBuilder("ok");
                    for (int i = 0; i < n; i++) {
                        reply.append(String.format(Locale.ROOT, " %.4f", ForwardBenchmark.pass(model, image, t, MoeExecution.SPARSE)[0]));
                    }
                    out.println(reply);
                }
            }
        }
    }

    private static int parsePasses(String line, Path go) {
        try {
            int n = Integer.parseInt(line.strip());
            if (n >= 1 && n <= 100_000) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(go + ": expected a pass count 1..100000 or 'end', got '" + line.strip() + "'");
    }
}
