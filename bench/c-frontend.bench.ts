// C front-end throughput: files/s and objects/s over a generated tree of 200 driver source files
// (read, parse, interpret -> DriverConfig), against the parse-only floor measured in the same run
// (tree-sitter parsing the same texts, already in memory); also with explain on top.
// Target: <= 2x the floor. With WDFSIM_SAMPLES=<path to a Windows-driver-samples checkout>, also
// the wall time over every project folder in it (target: the whole repository in < 10 s).

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { explain } from "../src/analyze/explain.js";
import { decodeSource, loadCDriver } from "../src/frontends/c/load-c.js";
import { parseC } from "../src/frontends/c/parser.js";
import { generateCTree } from "./generate-c-tree.js";
import { emit } from "./measure.js";

const time = async (fn: () => Promise<void>): Promise<number> => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

const bestOf = async (runs: number, fn: () => Promise<void>): Promise<number> => {
  await fn();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) best = Math.min(best, await time(fn));
  return best;
};

const filesUnder = (dirs: readonly string[]): string[] =>
  dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => /\.(c|h)$/.test(f))
      .map((f) => join(d, f)),
  );

const projectFolders = (root: string): string[] => {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith(".")) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".vcxproj")) out.push(dirname(p));
    }
  };
  walk(root);
  return [...new Set(out)].sort();
};

export const runCFrontendBench = async (): Promise<void> => {
  const root = mkdtempSync(join(tmpdir(), "wdfsim-bench-c-"));
  try {
    const drivers = generateCTree(root, 200);
    const files = filesUnder(drivers);
    const texts = files.map((f) => decodeSource(readFileSync(f)));
    let objects = 0;
    const frontEnd = await bestOf(3, async () => {
      objects = 0;
      for (const d of drivers) objects += (await loadCDriver([d])).config.objects.length;
    });
    const full = await bestOf(3, async () => {
      for (const d of drivers) explain((await loadCDriver([d])).config);
    });
    const floor = await bestOf(3, async () => {
      for (const t of texts) (await parseC(t)).delete();
    });
    emit({ name: "c.generated.files", value: files.length, unit: "count" });
    emit({ name: "c.generated.objects", value: objects, unit: "count" });
    emit({ name: "c.generated.frontend_time", value: frontEnd, unit: "ms" });
    emit({ name: "c.generated.files_per_s", value: (files.length / frontEnd) * 1000, unit: "files/s" });
    emit({ name: "c.generated.objects_per_s", value: (objects / frontEnd) * 1000, unit: "objects/s" });
    emit({ name: "c.generated.parse_floor_time", value: floor, unit: "ms" });
    emit({ name: "c.generated.ratio_to_floor", value: frontEnd / floor, unit: "x" });
    emit({ name: "c.generated.with_explain_time", value: full, unit: "ms" });
    emit({ name: "c.generated.with_explain_ratio_to_floor", value: full / floor, unit: "x" });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const samples = process.env.WDFSIM_SAMPLES;
  if (samples && statSync(samples, { throwIfNoEntry: false })?.isDirectory()) {
    const folders = projectFolders(samples);
    let objects = 0;
    let skipped = 0;
    const ms = await time(async () => {
      for (const f of folders) {
        // A project folder whose sources live elsewhere (e.g. a packaging project) has nothing to read.
        const loaded = await loadCDriver([f]).catch(() => null);
        if (loaded === null) skipped++;
        else objects += explain(loaded.config).objects.length;
      }
    });
    emit({ name: "c.samples.skipped_without_sources", value: skipped, unit: "count" });
    emit({ name: "c.samples.projects", value: folders.length, unit: "count" });
    emit({ name: "c.samples.objects", value: objects, unit: "count" });
    emit({ name: "c.samples.time", value: ms, unit: "ms" });
  }
};
