package org.m3vit.model;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * libtorch's grad mode is per thread and DJL switches it off only on the thread that starts the
 * engine: a model must still load on a fresh thread afterwards (the explorer loads on its worker).
 */
class ModelOnAnotherThreadTest {

    @Test
    void weightsLoadOnAThreadOtherThanTheEnginesFirst() throws Exception {
        ModelConfig c = TestWeights.small();
        try (M3ViTModel first = M3ViTModel.of(c, TestWeights.random(c, 1), false, "test")) {
            assertThat(first.config()).isSameAs(c);
        }
        ExecutorService fresh = Executors.newSingleThreadExecutor();
        try {
            Map<String, org.m3vit.model.io.Tensor> w = TestWeights.random(c, 2);
            Future<Float> value = fresh.submit(() -> {
                try (M3ViTModel m = M3ViTModel.of(c, w, false, "test")) {
                    return m.weights().get("backbone.cls_token").data()[0];
                }
            });
            assertThat(value.get()).isEqualTo(w.get("backbone.cls_token").data()[0]);
        } finally {
            fresh.shutdownNow();
        }
    }
}
