package org.m3vit.model.nn;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The NNPACK probe's TorchScript archive is one libtorch loads and runs (a broken archive would silently mean "unavailable"). */
class NnpackProbeTest {

    @Test
    void libtorchCompilesAndRunsTheProbe() throws Exception {
        boolean answer = NnpackProbe.answer(); // throws if the archive does not load or the method does not run
        assertThat(NnpackProbe.available()).isEqualTo(answer);
    }

    @Test
    void theArchiveHoldsTheFourRecordsOfOneModule() throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(NnpackProbe.archive()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                names.add(e.getName());
                assertThat(e.getMethod()).isEqualTo(ZipEntry.STORED);
            }
        }
        assertThat(names).containsExactly("probe/data.pkl", "probe/code/__torch__.py", "probe/constants.pkl", "probe/version");
    }
}
