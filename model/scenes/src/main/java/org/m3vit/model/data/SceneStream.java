package org.m3vit.model.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An endless, deterministic source of training batches rendered ahead of time by background
 * threads, so that training does not wait for data.
 * <p>
 * Batch k (k = 0, 1, 2, ...) holds the scenes of seeds {@code baseSeed + k * batchSize + j},
 * j = 0 .. batchSize - 1, in that order, whatever the number of threads: worker w renders the
 * batches k with k mod threads = w into its own bounded queue, and {@link #next()} takes batch k
 * from queue k mod threads. Workers are daemon threads and block when their queue is full, so at
 * most {@code threads * queueDepth} batches wait in memory. Close the stream to stop them.
 * <pre>{@code
 * try (SceneStream data = new SceneStream(0, 16, 128, 160, 2, 2)) {
 *     for (int step = 0; step < steps; step++) {
 *         TrainingBatch b = data.next();   // b.images(): 16 x 3 x 128 x 160, normalised
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class SceneStream implements AutoCloseable {

    private final int batchSize, height, width;
    private final long baseSeed;
    private final List<BlockingQueue<TrainingBatch>> queues = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final SceneRenderer renderer;
    private volatile Throwable failure;
    private long nextBatch;

    /**
     * Starts the workers.
     *
     * @param baseSeed   seed of the first scene
     * @param batchSize  scenes per batch
     * @param height     image height in pixels
     * @param width      image width in pixels
     * @param threads    background render threads (at least 1)
     * @param queueDepth batches each thread may render ahead (at least 1)
     */
    public SceneStream(long baseSeed, int batchSize, int height, int width, int threads, int queueDepth) {
        this(new SceneRenderer(), baseSeed, batchSize, height, width, threads, queueDepth);
    }

    /** As {@link #SceneStream(long, int, int, int, int, int)}, with a given renderer (e.g. without anti-aliasing). */
    public SceneStream(SceneRenderer renderer, long baseSeed, int batchSize, int height, int width, int threads, int queueDepth) {
        if (batchSize <= 0 || height <= 0 || width <= 0 || threads <= 0 || queueDepth <= 0) {
            throw new IllegalArgumentException("scene stream needs positive batch size, image size, threads and queue depth; got batch "
                    + batchSize + ", " + height + "x" + width + ", threads " + threads + ", queue " + queueDepth);
        }
        this.baseSeed = baseSeed;
        this.batchSize = batchSize;
        this.height = height;
        this.width = width;
        this.renderer = renderer;
        for (int w = 0; w < threads; w++) {
            BlockingQueue<TrainingBatch> q = new ArrayBlockingQueue<>(queueDepth);
            queues.add(q);
            final int worker = w;
            Thread t = new Thread(() -> produce(worker, threads, q), "scene-stream-" + w);
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
    }

    /** Renders one batch synchronously (the same batch the stream yields as number {@code index}). */
    public static TrainingBatch renderBatch(SceneRenderer renderer, long baseSeed, long index, int batchSize, int height, int width) {
        long[] seeds = new long[batchSize];
        RenderedScene[] scenes = new RenderedScene[batchSize];
        for (int j = 0; j < batchSize; j++) {
            seeds[j] = baseSeed + index * batchSize + j;
            scenes[j] = renderer.render(seeds[j], height, width);
        }
        return TrainingBatch.of(seeds, scenes);
    }

    private void produce(int worker, int threads, BlockingQueue<TrainingBatch> q) {
        try {
            for (long k = worker; !Thread.currentThread().isInterrupted(); k += threads) {
                q.put(renderBatch(renderer, baseSeed, k, batchSize, height, width));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /** The next batch in seed order; blocks until it is rendered. */
    public TrainingBatch next() throws InterruptedException {
        BlockingQueue<TrainingBatch> q = queues.get((int) (nextBatch % queues.size()));
        TrainingBatch b;
        while ((b = q.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS)) == null) {
            Throwable f = failure;
            if (f != null) throw new IllegalStateException("scene rendering failed: " + f, f);
            if (workers.stream().noneMatch(Thread::isAlive)) throw new IllegalStateException("scene stream is closed");
        }
        nextBatch++;
        return b;
    }

    /** Index of the batch {@link #next()} returns next. */
    public long position() { return nextBatch; }

    /** Stops the background threads. */
    @Override
    public void close() {
        workers.forEach(Thread::interrupt);
    }
}
