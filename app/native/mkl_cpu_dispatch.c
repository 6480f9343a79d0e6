/*
 * Preloaded by ./m3vit (LD_PRELOAD) in front of libtorch when M3VIT_MKL_DISPATCH=intel is set (off by default:
 * one value of the m3vit-synth reference test then moves 1.03e-5 from the reference, past its 1e-5 bound).
 * libtorch's statically linked MKL asks this function
 * whether the processor is an Intel one and, on AMD processors, otherwise runs its generic sgemm kernels and
 * repacks the weights on every call. Answering yes lets MKL pick its kernels by the processor's instruction set
 * (AVX2, AVX-512) as it does on Intel. Measured on a 2-core AMD EPYC Zen 4 VM: the bundled model's forward pass
 * 9% faster at 2 threads (docs/network.md, "MKL's code path on AMD").
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}
