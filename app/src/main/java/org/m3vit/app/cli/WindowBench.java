package org.m3vit.app.cli;

import org.m3vit.app.service.SampleGallery;
import org.m3vit.app.viewmodel.ExplorerViewModel;
import org.m3vit.model.MemoryProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code m3vit bench window}: the real window under load, as a long demo uses it: many task
 * switches over many images; reports the process's resident memory (RSS), its peak, the heap
 * after a full collection, the result cache's bytes, and the switch latencies.
 */
@Command(name = "window", description = "Resident memory and task-switch latency of the window after many task switches over many images"
        + " (needs a display: xvfb-run -a). Run it with the window's JVM options, as ./m3vit does.")
final class WindowBench implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    WindowOptions window = new WindowOptions();

    @Option(names = "--switches", defaultValue = "1000", description = "Task switches in all (default: ${DEFAULT-VALUE}).")
    int switches;

    @Option(names = "--images", defaultValue = "100", description = "Images opened in all, cycling through the folder (default: ${DEFAULT-VALUE}).")
    int images;

    @Override
    public Integer call() throws Exception {
        if (switches < 1 || switches > 1_000_000) throw new IllegalArgumentException("--switches must be in 1 .. 1000000, was " + switches);
        if (images < 1 || images > 100_000) throw new IllegalArgumentException("--images must be in 1 .. 100000, was " + images);
        Path folder = window.gallery(); // e.g. ./m3vit render --count 100 --out /tmp/scenes100
        List<Path> files = SampleGallery.scan(folder).stream().map(SampleGallery.Sample::image).toList();
        if (files.isEmpty()) throw new IllegalArgumentException(folder + ": no images to open");
        HeadlessWindow session = window.open(files.get(0));
        ExplorerViewModel vm = session.vm();
        List<String> tasks = FxRunner.call(() -> List.copyOf(vm.tasks()));
        long rssStartKb = MemoryProbe.residentKb();
        List<Double> latencies = new ArrayList<>();
        int perImage = Math.max(1, switches / images);
        int done = 0;
        for (int i = 0; i < images && done < switches; i++) {
            Path file = files.get(i % files.size());
            if (i > 0) {
                FxRunner.run(() -> vm.openImage(file));
                FxRunner.await(file.getFileName().toString(), 300, () -> vm.imageProperty().get() != null
                        && vm.imageProperty().get().file().equals(file) && vm.currentResultProperty().get() != null);
            }
            int here = i == images - 1 ? switches - done : Math.min(perImage, switches - done);
            for (int k = 0; k < here; k++, done++) {
                String t = FxRunner.call(() -> tasks.get((tasks.indexOf(vm.selectedTaskProperty().get()) + 1) % tasks.size()));
                int before = FxRunner.call(() -> vm.switchSamples().size());
                FxRunner.run(() -> vm.selectTask(t));
                FxRunner.await("switch to " + t, 120, () -> vm.switchSamples().size() > before);
                latencies.add(FxRunner.call(() -> vm.switchSamples().get(vm.switchSamples().size() - 1)));
            }
        }
        long rssEndKb = MemoryProbe.residentKb(), rssPeakKb = MemoryProbe.peakResidentKb();
        MemoryBreakdown before = MemoryBreakdown.now();
        System.gc();
        long heapLive = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        long cacheBytes = FxRunner.call(vm::cacheBytes);
        List<Double> sorted = latencies.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%d task switches over %d images (%d distinct files in %s), %d cores, load average %s, max heap %d MiB%n",
                done, Math.min(images, Math.max(1, done)), Math.min(files.size(), images), folder,
                Runtime.getRuntime().availableProcessors(), BenchCommand.loadAverage(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "RSS after the first output %d MiB, at the end %d MiB, peak %d MiB; heap after a full GC %d MiB; result cache %d MiB%n",
                rssStartKb >> 10, rssEndKb >> 10, rssPeakKb >> 10, heapLive >> 20, cacheBytes >> 20);
        System.out.println("at the end, before the full GC: " + before.text());
        System.out.println("after the full GC:              " + MemoryBreakdown.now().text());
        if (!sorted.isEmpty()) {
            System.out.printf(Locale.ROOT, "task switch -> output on screen: median %.1f ms, 90th percentile %.1f ms, max %.1f ms (%d switches,"
                            + " cached and with inference mixed)%n",
                    SwitchBreakdown.median(sorted), AnimationBench.percentile(sorted, 0.90),
                    sorted.get(sorted.size() - 1), sorted.size());
        }
        session.close();
        return 0;
    }
}
