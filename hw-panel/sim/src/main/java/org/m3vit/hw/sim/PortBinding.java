package org.m3vit.hw.sim;

import java.util.Objects;

/**
 * One m_axi bundle of the kernel and the PS slave port it is wired to, with that port's data
 * width (the port runs at the kernel clock, so it moves widthBits / 8 bytes per cycle and
 * direction at most).
 *
 * @param bundle    kernel bundle name, e.g. "inout1" (HLS interface pragma)
 * @param psPort    PS slave port, e.g. "S_AXI_HPC1_FPD"
 * @param widthBits data width of that port
 * @param source    where the binding and the width are written
 */
public record PortBinding(String bundle, String psPort, int widthBits, String source) {

    public PortBinding {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(psPort, "psPort");
        if (widthBits < 8 || widthBits % 8 != 0) throw new IllegalArgumentException("port " + psPort + ": widthBits must be a positive multiple of 8, was " + widthBits);
        if (source == null || source.isBlank()) throw new IllegalArgumentException("port binding " + bundle + " -> " + psPort + " needs a source");
    }
}
