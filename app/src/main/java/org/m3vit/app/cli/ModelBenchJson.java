package org.m3vit.app.cli;

import org.m3vit.model.ForwardBenchmark;
import org.m3vit.model.SteadyWarmUp;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON document of {@code m3vit bench model --json} (keys in benchmarks/README.md). */
final class ModelBenchJson {

    private ModelBenchJson() { }

    static Map<String, Object> of(ForwardBenchmark.Result r, String threads, String load) {
        Map<String, Object> tasks = new LinkedHashMap<>();
        for (ForwardBenchmark.TaskFigures t : r.tasks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("medianMs", t.sparseMs());
            m.put("minMs", t.sparseMinMs());
            m.put("maxMs", t.sparseMaxMs());
            m.put("cpuMedianMs", t.sparseCpuMs());
            m.put("warmUpPasses", t.warmUp().passes());
            m.put("warmUpSeconds", t.warmUp().seconds());
            m.put("steady", t.warmUp().steady());
            m.put("oracleMedianMs", t.oracleMs());
            m.put("executedGmac", t.executedMacs() / 1e9);
            m.put("denseGmac", t.denseMacs() / 1e9);
            m.put("allTasksGmac", t.allTasksMacs() / 1e9);
            m.put("gflops", t.sparseGflops());
            tasks.put(t.task(), m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", r.model());
        out.put("provenance", r.provenance());
        out.put("runs", r.runs());
        out.put("threads", threads);
        out.put("loadAverageAtStart", load);
        out.put("warmUp", ForwardBenchmark.warmUpRule());
        out.put("mklIntelPath", org.m3vit.model.MklDispatch.intelPathPreloaded());
        out.put("tasks", tasks);
        out.put("matmulSize", r.matmulSize());
        out.put("matmulGflops", r.matmulGflops());
        return out;
    }
}
