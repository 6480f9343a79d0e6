package org.m3vit.app.service;

import org.junit.jupiter.api.Test;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.MacCount;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskOutput;
import org.m3vit.model.TaskSpec;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The result cache's bounds: entries and bytes, least recently used first. */
class ResultCacheTest {

    /** A depth result of h x w with one MoE layer of 3 tokens, top-2 of 4 experts. */
    private static TaskResult result(int h, int w) {
        TaskOutput out = new TaskOutput(TaskSpec.of("depth", TaskKind.DEPTH, 1), 1, h, w, new float[h * w]);
        LayerRouting layer = new LayerRouting(1, new int[3][2], new float[3][2], new float[3][4]);
        RoutingTrace trace = new RoutingTrace("m", "depth", 0, 1, 2, 4, 2, List.of(layer), new MacCount(List.of()));
        return new TaskResult(out, trace, 1);
    }

    @Test
    void aResultCountsItsArraysBytesWorkedOutByHand() {
        // output 16 + 4 * 100 = 416; experts and weights 16 + 3 * (16 + 8) = 88 each; probabilities 16 + 3 * (16 + 16) = 112
        assertThat(result(10, 10).bytes()).isEqualTo(416 + 88 + 88 + 112);
    }

    @Test
    void theLeastRecentlyUsedGoWhenTheBytesRunOutAndATooLargeResultIsNotKept() {
        long one = result(10, 10).bytes();
        ResultCache cache = new ResultCache(100, 2 * one + 10);
        ResultCache.Key a = new ResultCache.Key("m", "a", "depth"), b = new ResultCache.Key("m", "b", "depth"),
                c = new ResultCache.Key("m", "c", "depth");
        cache.put(a, result(10, 10));
        cache.put(b, result(10, 10));
        assertThat(cache.get(a)).isNotNull(); // a is now the most recent
        cache.put(c, result(10, 10));
        assertThat(cache.get(b)).isNull();
        assertThat(cache.get(a)).isNotNull();
        assertThat(cache.bytes()).isEqualTo(2 * one);
        cache.put(b, result(100, 100));
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void theEntryBoundStillHoldsAndReplacingAResultDoesNotCountItTwice() {
        ResultCache cache = new ResultCache(2);
        ResultCache.Key a = new ResultCache.Key("m", "a", "depth");
        cache.put(a, result(10, 10));
        cache.put(a, result(10, 10));
        assertThat(cache.bytes()).isEqualTo(result(10, 10).bytes());
        cache.put(new ResultCache.Key("m", "b", "depth"), result(10, 10));
        cache.put(new ResultCache.Key("m", "c", "depth"), result(10, 10));
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(a)).isNull();
    }
}
