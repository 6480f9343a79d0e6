package org.m3vit.model.checkpoint;

import net.razorvine.pickle.PickleException;
import org.junit.jupiter.api.Test;
import org.m3vit.model.guard.Mutations;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Bounded-time fuzzing (fixed seed) of the restricted unpickler on random mutations of the data.pkl
 * that real PyTorch 1.13 wrote (the committed fixture): every mutation is read or refused with a
 * {@link PickleException} or an {@link IOException}; nothing else is thrown, nothing hangs, and the
 * structure of what is read is walked as the importer walks it.
 */
class UnpicklerFuzzTest {

    private static final Path RANK0 = Path.of("src/test/resources/checkpoint/torch-1.13/ranks/0.pth");

    @Test
    void mutatedCheckpointPicklesAreReadOrRefused() throws Exception {
        byte[] valid;
        try (TorchArchive a = TorchArchive.open(RANK0)) {
            valid = a.pickle();
        }
        assertThat(new TorchUnpickler().loads(valid)).isInstanceOf(java.util.Map.class);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Mutations m = new Mutations(11);
            List<String> failures = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < 400; i++) {
                byte[] p = m.mutate(valid, 2);
                try {
                    Object root = new TorchUnpickler().loads(p);
                    assertThat(PickleText.describe(root)).hasSizeLessThan(200);
                } catch (PickleException | IOException expected) {
                    assertThat(expected.getMessage()).as("case " + i).isNotBlank().hasSizeLessThan(2000).doesNotContainPattern("@[0-9a-f]{5,}");
                    refused++;
                } catch (Throwable t) {
                    failures.add("case " + i + ": " + t);
                }
            }
            assertThat(failures).isEmpty();
            assertThat(refused).isPositive();
        });
    }
}
