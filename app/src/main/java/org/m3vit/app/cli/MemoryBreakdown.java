package org.m3vit.app.cli;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import org.m3vit.model.MemoryProbe;

/**
 * Where this process's resident memory is, as far as the JVM can tell: the committed heap, the JVM's
 * non-heap pools (metaspace, code cache, class space), NIO direct buffers, and the rest of VmRSS
 * (libtorch, JavaFX's native side, malloc arenas, thread stacks, the JVM itself).
 */
record MemoryBreakdown(long rssKb, long heapCommittedKb, long nonHeapCommittedKb, long directKb) {

    /** Reads the figures now. */
    static MemoryBreakdown now() {
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        long nonHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.NON_HEAP) nonHeap += pool.getUsage().getCommitted();
        }
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) direct += pool.getMemoryUsed();
        return new MemoryBreakdown(MemoryProbe.residentKb(), heap >> 10, nonHeap >> 10, direct >> 10);
    }

    /** VmRSS less what the JVM accounts for (never negative). */
    long otherKb() { return Math.max(0, rssKb - heapCommittedKb - nonHeapCommittedKb - directKb); }

    /** One line, in MiB. */
    String text() {
        return String.format(Locale.ROOT, "RSS %d MiB = heap committed %d + JVM non-heap pools %d + direct buffers %d"
                + " + native outside the JVM's pools %d (libtorch, JavaFX, malloc, stacks, the JVM)",
                rssKb >> 10, heapCommittedKb >> 10, nonHeapCommittedKb >> 10, directKb >> 10, otherKb() >> 10);
    }
}
