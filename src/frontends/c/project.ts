// PLACEHOLDER (replaced by the full project reader).
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
export interface ProjectSettings {
  readonly file: string;
  readonly framework: "kmdf" | "umdf2" | null;
  readonly version: { major: number; minor: number } | null;
  readonly defines: ReadonlyMap<string, string>;
  readonly configuration: string | null;
  readonly sources: readonly string[];
  readonly umdf1: boolean;
}
export function parseProject(xml: string, file: string, _dir: string): ProjectSettings {
  const umdf = /<DriverType>UMDF<\/DriverType>|<UMDF_VERSION_MAJOR>2/.test(xml);
  const kmdf = /<DriverType>KMDF<\/DriverType>|<KMDF_VERSION_MAJOR>/.test(xml);
  const defines = new Map<string, string>();
  const m = /<PreprocessorDefinitions>([^<]*)<\/PreprocessorDefinitions>/.exec(xml);
  for (const d of (m?.[1] ?? "").split(";")) {
    const [k, v] = d.trim().split("=");
    if (k && !k.includes("%") && !k.includes("$")) defines.set(k, v ?? "1");
  }
  return {
    file,
    framework: umdf ? "umdf2" : kmdf ? "kmdf" : null,
    version: null,
    defines,
    configuration: null,
    sources: [],
    umdf1: false,
  };
}
export async function findProjects(root: string): Promise<ProjectSettings[]> {
  const out: ProjectSettings[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") await walk(p);
      else if (e.name.endsWith(".vcxproj"))
        out.push(
          parseProject(
            (await readFile(p, "utf8")).replace(/^\uFEFF/, ""),
            relative(root, p).split(sep).join("/"),
            "",
          ),
        );
    }
  };
  await walk(root);
  return out;
}
export function frameworkMarker(text: string): "kmdf" | "umdf2" | null {
  const m = /wdfsim:\s*framework=(kmdf|umdf2)/.exec(text);
  return (m?.[1] as "kmdf" | "umdf2") ?? null;
}
