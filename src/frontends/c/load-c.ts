// `wdfsim explain <file.c|folder> ...`: reads the driver's C/C++ sources (no WDK, no build),
// its project settings, and hands them to the interpreter. Paths in results are relative to the
// analyzed root: a single file's folder, a folder itself, or the common folder of several inputs.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, relative, resolve as resolvePath, sep } from "node:path";
import type { Framework, FrameworkVersion } from "../../model/config.js";
import { InputError } from "../input-error.js";
import type { LoadedDriver } from "../loaded-driver.js";
import { ObjectBuilder } from "./builder.js";
import { firstSyntaxError, parseC } from "./parser.js";
import { frameworkMarker, type ProjectSettings, readProjects } from "./project.js";
import { analyzeC } from "./run.js";
import type { SourceFile } from "./source-file.js";

export const C_EXTENSIONS: readonly string[] = [".c", ".cpp", ".cc", ".cxx", ".h", ".hpp"];
const SKIP_DIRS = new Set(["node_modules", ".git", "x64", "Debug", "Release", "ARM64"]);

export const isCSource = (path: string): boolean => C_EXTENSIONS.includes(extname(path).toLowerCase());

// Synchronous on purpose: a driver is a few dozen small files, and awaiting each read cost more
// than reading them (bench/c-frontend.bench.ts).
const walk = (dir: string, projects: string[]): string[] => {
  const entries = readdirSync(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith(".") || SKIP_DIRS.has(e.name)) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(path, projects));
    else if (e.isFile() && isCSource(path)) out.push(path);
    else if (e.isFile() && e.name.toLowerCase().endsWith(".vcxproj")) projects.push(path);
  }
  return out;
};

/** Source text as the compiler would read it: UTF-16 LE with BOM, UTF-8 (BOM stripped), else Latin-1. */
export const decodeSource = (bytes: Buffer): string => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  const text = bytes.toString("utf8");
  return text.includes("\uFFFD") ? bytes.toString("latin1") : text.replace(/^\uFEFF/, "");
};

const commonRoot = (dirs: readonly string[]): string => {
  const parts = dirs.map((d) => resolvePath(d).split(sep));
  const first = parts[0]!;
  let n = first.length;
  for (const p of parts) while (n > 0 && p.slice(0, n).join(sep) !== first.slice(0, n).join(sep)) n--;
  return first.slice(0, n).join(sep) || sep;
};

const FILE_DEFINE = /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(?![\w(])(?:[ \t]+([^\r\n]*))?/gm;

/** Object-like #defines written in the sources feed #if decisions too. */
const sourceDefines = (files: readonly SourceFile[]): Map<string, string> => {
  const out = new Map<string, string>();
  for (const f of files)
    for (const m of f.text.matchAll(FILE_DEFINE))
      if (!out.has(m[1]!)) out.set(m[1]!, (m[2] ?? "1").replace(/\/\/.*$/, "").trim() || "1");
  return out;
};

export interface CLoadOptions {
  readonly framework?: Framework | undefined;
}

const chooseFramework = (
  opts: CLoadOptions,
  files: readonly SourceFile[],
  projects: readonly ProjectSettings[],
): Framework =>
  opts.framework ??
  files.map((f) => frameworkMarker(f.text)).find((m) => m !== null) ??
  projects.find((p) => p.framework !== null)?.framework ??
  "kmdf";

export const loadCDriver = async (
  inputs: readonly string[],
  opts: CLoadOptions = {},
): Promise<LoadedDriver> => {
  const infos = inputs.map((p) => ({ p, info: statSync(p, { throwIfNoEntry: false }) ?? null }));
  const missing = infos.find((i) => i.info === null);
  if (missing) throw new InputError({ file: missing.p, line: 0, column: 0 }, "no such file or folder");
  const root = commonRoot(infos.map(({ p, info }) => (info!.isDirectory() ? p : dirname(p))));
  const projectFiles: string[] = [];
  const paths = infos.flatMap(({ p, info }) => (info!.isDirectory() ? walk(p, projectFiles) : [p]));
  const unique = [...new Set(paths.map((p) => resolvePath(p)))];
  if (unique.length === 0)
    throw new InputError(
      { file: inputs[0]!, line: 0, column: 0 },
      "no C or C++ source files here",
      C_EXTENSIONS.map((e) => `*${e}`),
    );
  const builder = new ObjectBuilder();
  const files: SourceFile[] = [];
  for (const path of unique) {
    const text = decodeSource(readFileSync(path));
    const file = relative(root, path).split(sep).join("/");
    const tree = await parseC(text);
    files.push({ file, text, tree });
    const error = firstSyntaxError(tree);
    if (error)
      builder.note(
        "C-PARSE",
        "info",
        `${file}: part of this file could not be parsed (near line ${error.startPosition.row + 1}); objects created there may be missing`,
        null,
        { file, line: error.startPosition.row + 1 },
      );
  }
  // A single file's project sits beside it; a folder's projects were found while walking it.
  if (projectFiles.length === 0 && infos.every(({ info }) => !info!.isDirectory())) {
    for (const e of readdirSync(root))
      if (e.toLowerCase().endsWith(".vcxproj")) projectFiles.push(join(root, e));
  }
  const projects = readProjects(root, projectFiles);
  const framework = chooseFramework(opts, files, projects);
  const project = projects.find((p) => p.framework === framework) ?? projects[0] ?? null;
  if (projects.some((p) => p.umdf1)) {
    builder.note(
      "C-PROJECT",
      "warning",
      "a project targets UMDF 1 (UMDF_VERSION_MAJOR 1), which wdfsim does not model; it is explained with KMDF rules unless --framework umdf2 is given",
      null,
      null,
    );
  }
  if (projects.length > 1)
    builder.note(
      "C-PROJECT",
      "info",
      `${projects.length} projects under this folder (${projects.map((p) => p.file).join(", ")}); their sources are analyzed together, one object per create call site`,
      null,
      null,
    );
  const defines = new Map([
    ...sourceDefines(files),
    ...(framework === "kmdf" ? [["_KERNEL_MODE", "1"] as const] : []),
    ...(project?.defines ?? []),
  ]);
  const version: FrameworkVersion | null = project?.version ?? null;
  const config = analyzeC(
    { files, framework, version, conditions: { defines, known: project ? "all" : "partial" } },
    builder,
  );
  for (const f of files) f.tree.delete();
  return { config, functions: new Map(), file: inputs.join(" "), root: relative(process.cwd(), root) || "." };
};
