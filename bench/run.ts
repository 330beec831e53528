// `npm run bench`: every benchmark, one JSON line per measurement ({"name","value","unit"}).
// Results go to bench/RESULTS.md by hand, with the date and the machine.

import { runCFrontendBench } from "./c-frontend.bench.js";
import { runExplainBench } from "./explain.bench.js";
import { runRuntimeBench } from "./runtime.bench.js";

const only = process.argv[2];
const benches: Record<string, () => void | Promise<void>> = {
  explain: runExplainBench,
  c: runCFrontendBench,
  runtime: runRuntimeBench,
};
for (const [name, bench] of Object.entries(benches)) {
  if (only === undefined || only === name) await bench();
}
