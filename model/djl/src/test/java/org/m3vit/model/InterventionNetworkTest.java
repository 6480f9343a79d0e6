package org.m3vit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.m3vit.model.RoutingIntervention.ExpertForced;
import org.m3vit.model.RoutingIntervention.ExpertOff;
import org.m3vit.model.io.Tensor;
import org.m3vit.model.nn.MoeExecution;
import org.m3vit.model.nn.TaskPass;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** Routing interventions through the whole network: against the dense oracle, a weight swap, and the routing they record. */
class InterventionNetworkTest {

    private static final ModelConfig C = TestWeights.small(8, 2, List.of(1, 3));

    @Test
    void theWholeSparseNetworkUnderAnInterventionEqualsTheDenseOracleNetworkUnderIt() {
        RoutingIntervention iv = new RoutingIntervention(List.of(new ExpertOff(RoutingIntervention.ALL_BLOCKS, 0), new ExpertOff(3, 5)),
                List.of(new ExpertForced(1, 7, TokenSelection.parse("1-3"))), null);
        try (M3ViTModel model = M3ViTModel.of(C, TestWeights.random(C, 5), false, "test");
             NDManager scope = model.manager().newSubManager()) {
            NDArray images = scope.create(TestWeights.image(C, 2), new Shape(1, 3, C.imageHeight(), C.imageWidth()));
            for (int task = 0; task < C.numTasks(); task++) {
                RoutingPlan plan = iv.plan(C, task);
                TaskPass sparse = model.network().forward(model.parameterStore(), images, task, false, true, MoeExecution.SPARSE, plan);
                TaskPass dense = model.network().forward(model.parameterStore(), images, task, false, false, MoeExecution.DENSE_ORACLE, plan);
                TaskPass plain = model.network().forward(model.parameterStore(), images, task, false, true);
                float[] a = sparse.output().toFloatArray(), b = dense.output().toFloatArray(), p = plain.output().toFloatArray();
                double rms = 0, diff = 0;
                for (float v : b) rms += v * v;
                rms = Math.sqrt(rms / b.length);
                for (int i = 0; i < a.length; i++) {
                    assertThat((double) a[i]).as("task %d value %d", task, i).isCloseTo(b[i], offset(1e-4 * (Math.abs(b[i]) + rms)));
                    diff = Math.max(diff, Math.abs(a[i] - p[i]));
                }
                assertThat(diff).as("the intervention changes task %d's output", task).isGreaterThan(1e-3 * rms);
                for (LayerRouting l : sparse.routing()) {
                    for (int t = 0; t < C.numTokens(); t++) {
                        assertThat(l.experts()[t]).doesNotContain(0);
                        if (l.block() == 3) assertThat(l.experts()[t]).doesNotContain(5);
                        if (l.block() == 1 && t >= 1 && t <= 3) assertThat(l.experts()[t][0]).isEqualTo(7);
                    }
                }
            }
        }
    }

    @Test
    void runningATaskWithAnotherTasksGatesEqualsSwappingTheGateWeightsAndRoutesLikeTheOtherTask() {
        Map<String, Tensor> weights = TestWeights.random(C, 8);
        Map<String, Tensor> swapped = new LinkedHashMap<>(weights);
        for (int b : C.moeBlocks()) {
            String prefix = "backbone.blocks." + b + ".mlp.gate.";
            swapped.put(prefix + "0.w_gate", weights.get(prefix + "1.w_gate")); // semseg's gates := depth's
        }
        float[] image = TestWeights.image(C, 4);
        try (M3ViTModel model = M3ViTModel.of(C, weights, false, "test"); M3ViTModel other = M3ViTModel.of(C, swapped, false, "swapped")) {
            RoutingIntervention iv = RoutingIntervention.NONE.withGatesOf("depth");
            InferenceResult r = model.infer(image, List.of("semseg", "depth"), iv);
            InferenceResult bySwap = other.infer(image, List.of("semseg"));
            InferenceResult own = model.infer(image, List.of("semseg", "depth"));
            assertThat(r.output("semseg").data()).containsExactly(bySwap.output("semseg").data());
            assertThat(r.output("semseg").data()).isNotEqualTo(own.output("semseg").data());
            // the backbone depends on the task only through its gates: semseg with depth's gates routes exactly as depth does
            RoutingTrace semseg = r.trace("semseg"), depth = own.trace("depth");
            for (int i = 0; i < depth.layers().size(); i++) {
                assertThat(semseg.layers().get(i).experts()).isDeepEqualTo(depth.layers().get(i).experts());
                assertThat(semseg.layers().get(i).probabilities()).isDeepEqualTo(depth.layers().get(i).probabilities());
            }
            assertThat(semseg.task()).isEqualTo("semseg");
            assertThat(semseg.intervention().gatesOf()).isEqualTo("depth");
            assertThat(r.trace("depth").intervention().isEmpty()).as("depth's own gates are no change for depth").isTrue();
            assertThat(r.output("depth").data()).containsExactly(own.output("depth").data());
        }
    }

    @Test
    void noInterventionIsThePlainPassAndTracesRecordWhatWasDone() {
        float[] image = TestWeights.image(C, 9);
        try (M3ViTModel model = M3ViTModel.of(C, TestWeights.random(C, 3), false, "test")) {
            InferenceResult plain = model.infer(image, List.of("normals"));
            InferenceResult none = model.infer(image, List.of("normals"), RoutingIntervention.NONE);
            assertThat(none.output("normals").data()).containsExactly(plain.output("normals").data());
            assertThat(plain.trace("normals").intervention()).isEqualTo(RoutingIntervention.NONE);
            RoutingIntervention off = new RoutingIntervention(List.of(new ExpertOff(1, plain.trace("normals").layers().get(0).experts()[1][0])),
                    List.of(), null);
            RoutingTrace t = model.infer(image, List.of("normals"), off).trace("normals");
            assertThat(t.intervention()).isEqualTo(off);
            // MACs follow the routing: still k experts per token
            assertThat(t.macs().executed()).isEqualTo(plain.trace("normals").macs().executed());
        }
    }

    @Test
    void anInterventionThatDoesNotFitTheModelIsRefusedBeforeAnythingRuns() {
        try (M3ViTModel model = M3ViTModel.of(C, TestWeights.random(C, 3), false, "test")) {
            float[] image = TestWeights.image(C, 1);
            assertThatThrownBy(() -> model.infer(image, List.of("semseg"), new RoutingIntervention(List.of(new ExpertOff(2, 0)), List.of(), null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block 2 is not a MoE block").hasMessageContaining("1, 3");
            assertThatThrownBy(() -> model.infer(image, List.of("semseg"), RoutingIntervention.NONE.withGatesOf("edges")))
                    .hasMessageContaining("edges");
        }
    }
}
