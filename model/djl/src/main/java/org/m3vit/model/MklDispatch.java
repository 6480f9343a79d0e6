package org.m3vit.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which code path libtorch's MKL takes in this process: its own choice, or, where {@code ./m3vit} preloaded (on
 * request, {@code M3VIT_MKL_DISPATCH=intel})
 * {@code libm3vit-mkl-dispatch.so} (app/native/mkl_cpu_dispatch.c), the one it takes on Intel processors, chosen by
 * the instruction set. Read from the process's memory map, so benchmarks report what actually ran.
 */
public final class MklDispatch {

    /** File name of the preloaded library. */
    public static final String LIBRARY = "libm3vit-mkl-dispatch.so";

    private MklDispatch() { }

    /** True when the library is mapped into this process. */
    public static boolean intelPathPreloaded() {
        try {
            return Files.readString(Path.of("/proc/self/maps")).contains(LIBRARY);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** One line for reports: the code path and how it was chosen. */
    public static String describe() {
        return intelPathPreloaded()
                ? "MKL: the Intel code path by instruction set (" + LIBRARY + " preloaded)"
                : "MKL: its own code path (on AMD processors its generic kernels; M3VIT_MKL_DISPATCH=intel preloads " + LIBRARY + ")";
    }
}
