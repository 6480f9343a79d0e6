package org.m3vit.model.checkpoint;

import org.m3vit.model.io.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tensors of a checkpoint, either one file or a directory of per-rank files
 * ({@code 0.pth}, {@code 1.pth} ...). Rank 0 supplies every tensor; the experts
 * ({@code ...mlp.experts.*}) are the concatenation of every rank's slice along dim 0, in rank
 * order. Training-only entries are set aside by name. Shapes are known before any data is read.
 */
public final class CheckpointSource implements AutoCloseable {

    private static final Pattern RANK_FILE = Pattern.compile("(\\d+)\\.pth?");

    /** One tensor of the assembled checkpoint: its shape and the slices (one per rank for experts) it is made of. */
    public record Entry(String name, long[] shape, List<Slice> slices) { }

    /** A view into one rank's archive. */
    public record Slice(TorchArchive archive, TensorRef ref) { }

    private final Path path;
    private final List<TorchArchive> archives;
    private final List<RankFile> ranks;
    private final Map<String, Entry> entries;
    private final List<String> ignored;
    /** Per archive, how many slices still to be read use each storage: a storage is read once and dropped after its last view. */
    private final Map<TorchArchive, Map<String, Integer>> pendingViews = new java.util.IdentityHashMap<>();

    private CheckpointSource(Path path, List<TorchArchive> archives, List<RankFile> ranks, Map<String, Entry> entries, List<String> ignored) {
        this.path = path;
        this.archives = archives;
        this.ranks = ranks;
        this.entries = entries;
        this.ignored = ignored;
        for (Entry e : entries.values()) {
            for (Slice s : e.slices()) pendingViews.computeIfAbsent(s.archive(), a -> new java.util.HashMap<>()).merge(s.ref().storage().key(), 1, Integer::sum);
        }
    }

    /** True for keys that only training uses: auxiliary {@code tam_model*} branches and BatchNorm batch counters. */
    public static boolean isTrainingOnly(String name) {
        if (name.endsWith("num_batches_tracked")) return true;
        for (String part : name.split("\\.")) if (part.startsWith("tam_model")) return true;
        return false;
    }

    /** True for the stacked expert tensors that a multi-GPU run splits across ranks. */
    public static boolean isExpertTensor(String name) {
        return name.contains(".mlp.experts.");
    }

    /** Opens a checkpoint file or a directory of rank files and reads their structure. */
    public static CheckpointSource open(Path path) throws CheckpointException {
        List<Path> files = rankFiles(path);
        List<TorchArchive> archives = new ArrayList<>();
        try {
            List<RankFile> ranks = new ArrayList<>();
            for (Path f : files) {
                TorchArchive a = TorchArchive.open(f);
                archives.add(a);
                ranks.add(CheckpointReader.read(a));
            }
            return assemble(path, archives, ranks);
        } catch (CheckpointException | RuntimeException e) {
            archives.forEach(TorchArchive::close);
            throw e;
        }
    }

    private static List<Path> rankFiles(Path path) throws CheckpointException {
        if (!Files.exists(path)) throw new CheckpointException(path, "checkpoint not found");
        if (!Files.isDirectory(path)) return List.of(path);
        TreeMap<Integer, Path> byRank = new TreeMap<>();
        try (Stream<Path> list = Files.list(path)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                Matcher m = RANK_FILE.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p)) {
                    Path before = byRank.put(Integer.parseInt(m.group(1)), p);
                    if (before != null) throw new CheckpointException(path, "holds two files for rank " + m.group(1) + ": " + before.getFileName() + " and " + p.getFileName());
                }
            }
        } catch (IOException e) {
            throw new CheckpointException(path, "cannot list the rank files: " + e.getMessage(), e);
        }
        if (byRank.isEmpty()) throw new CheckpointException(path, "is a directory without rank files (expected 0.pth, 1.pth, ...)");
        for (int r = 0; r < byRank.size(); r++) {
            if (!byRank.containsKey(r)) {
                throw new CheckpointException(path, "rank file " + r + ".pth is missing (found ranks " + byRank.keySet() + ")");
            }
        }
        return new ArrayList<>(byRank.values());
    }

    private static CheckpointSource assemble(Path path, List<TorchArchive> archives, List<RankFile> ranks) throws CheckpointException {
        RankFile first = ranks.get(0);
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<String, TensorRef> e : first.stateDict().entrySet()) {
            String name = e.getKey();
            if (isTrainingOnly(name)) {
                ignored.add(name);
                continue;
            }
            List<Slice> slices = new ArrayList<>();
            slices.add(new Slice(archives.get(0), e.getValue()));
            long[] shape = e.getValue().shape().clone();
            if (isExpertTensor(name)) {
                for (int r = 1; r < ranks.size(); r++) {
                    TensorRef part = ranks.get(r).stateDict().get(name);
                    if (part == null) throw new CheckpointException(ranks.get(r).file(), "rank " + r + " has no slice of '" + name + "'");
                    if (part.shape().length != shape.length || part.shape().length == 0
                            || !Arrays.equals(Arrays.copyOfRange(part.shape(), 1, shape.length), Arrays.copyOfRange(shape, 1, shape.length))) {
                        throw new CheckpointException(ranks.get(r).file(), "rank " + r + "'s slice of '" + name + "' has shape "
                                + part.shapeText() + ", rank 0's has " + e.getValue().shapeText() + " (they must differ in dim 0 only)");
                    }
                    shape[0] += part.shape()[0];
                    slices.add(new Slice(archives.get(r), part));
                }
            }
            entries.put(name, new Entry(name, shape, List.copyOf(slices)));
        }
        first.otherEntries().forEach((k, v) -> ignored.add(k + " (" + v + ", not a tensor)"));
        return new CheckpointSource(path, archives, ranks, entries, ignored);
    }

    /** The checkpoint file or rank directory. */
    public Path path() { return path; }

    /** The per-rank files in rank order (one for a single file). */
    public List<RankFile> ranks() { return ranks; }

    /** Tensors to import, name -> entry, in rank 0's order. */
    public Map<String, Entry> entries() { return entries; }

    /** Name -> shape of every tensor to import. */
    public Map<String, long[]> shapes() {
        Map<String, long[]> m = new LinkedHashMap<>();
        entries.forEach((k, v) -> m.put(k, v.shape()));
        return m;
    }

    /** Training-only state-dict keys that were set aside (from rank 0). */
    public List<String> ignoredKeys() { return ignored; }

    /** Reads tensor {@code name} (concatenating rank slices for experts) as float32. */
    public Tensor read(String name) throws CheckpointException {
        Entry e = entries.get(name);
        if (e == null) throw new CheckpointException(path, "has no tensor '" + name + "'");
        if (e.slices().size() == 1) return materialize(e.slices().get(0), name);
        long total = 1;
        for (long d : e.shape()) total *= d;
        if (total > Integer.MAX_VALUE) throw new CheckpointException(path, "tensor '" + name + "' is too large");
        float[] data = new float[(int) total];
        int at = 0;
        for (Slice s : e.slices()) {
            float[] part = materialize(s, name).data();
            System.arraycopy(part, 0, data, at, part.length);
            at += part.length;
        }
        return new Tensor(e.shape().clone(), data);
    }

    private Tensor materialize(Slice s, String name) throws CheckpointException {
        Tensor t = s.ref().materialize(s.archive(), name);
        Map<String, Integer> pending = pendingViews.get(s.archive());
        String key = s.ref().storage().key();
        if (pending != null && pending.merge(key, -1, Integer::sum) <= 0) s.archive().release(s.ref().storage());
        return t;
    }

    @Override
    public void close() {
        archives.forEach(TorchArchive::close);
    }
}
