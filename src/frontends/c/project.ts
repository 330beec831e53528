// Driver project settings from MSBuild .vcxproj files: the framework (DriverType, the WDK's
// KMDF_/UMDF_VERSION_MAJOR properties), the client version, and one configuration's
// ClCompile PreprocessorDefinitions and sources — read with a tolerant scanner, no MSBuild.

import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, posix, relative, sep } from "node:path";

export interface ProjectSettings {
  /** The .vcxproj path relative to the analyzed root, '/' separators. */
  readonly file: string;
  /** null: the project does not say, or says UMDF 1 (see `umdf1`). */
  readonly framework: "kmdf" | "umdf2" | null;
  /** KMDF_VERSION_MAJOR/MINOR or UMDF_VERSION_MAJOR/MINOR, only when both are stated. */
  readonly version: { major: number; minor: number } | null;
  /** PreprocessorDefinitions of the chosen configuration ("NAME" alone -> "1"). */
  readonly defines: ReadonlyMap<string, string>;
  /** Names whose definition hangs on an MSBuild Condition wdfsim does not evaluate (left out of `defines`). */
  readonly conditionalDefines: readonly string[];
  /** Which configuration the defines came from, e.g. "Debug|x64"; null: only unconditioned settings. */
  readonly configuration: string | null;
  /** ClCompile Include paths resolved relative to the analyzed root, '/' separators. */
  readonly sources: readonly string[];
  /** UMDF_VERSION_MAJOR is 1: a UMDF 1 (COM) driver, which wdfsim does not model. */
  readonly umdf1: boolean;
}

interface XmlElement {
  readonly attributes: string;
  readonly body: string;
}

const XML_ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
    if (name.startsWith("#x")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return Object.hasOwn(XML_ENTITIES, name) ? XML_ENTITIES[name]! : whole;
  });

/** `<Name attrs>body</Name>` and `<Name attrs/>` in document order (MSBuild never nests one in itself). */
const elements = (xml: string, name: string): XmlElement[] => {
  const attributes = `((?:\\s+[\\w:.-]+\\s*=\\s*(?:"[^"]*"|'[^']*'))*)`;
  const re = new RegExp(`<${name}${attributes}\\s*(?:/>|>([\\s\\S]*?)</${name}\\s*>)`, "g");
  return [...xml.matchAll(re)].map((m) => ({ attributes: m[1] ?? "", body: m[2] ?? "" }));
};

const attribute = (el: XmlElement, name: string): string | null => {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(el.attributes);
  return m === null ? null : decodeEntities(m[1] ?? m[2] ?? "");
};

/** The condition's subject, so `'$(Configuration)|$(Platform)'=='Debug|x64'` names "Debug|x64". */
const configurationName = (condition: string): string =>
  /==\s*'([^']*)'/.exec(condition)?.[1] ?? condition.trim();

const isDebugX64 = (condition: string): boolean => /debug/i.test(condition) && /x64/i.test(condition);

/** Debug|x64 first, else the first conditioned group; null when only unconditioned groups exist. */
const chooseConfiguration = (groups: readonly XmlElement[]): string | null => {
  const conditions = groups.map((g) => attribute(g, "Condition")).filter((c) => c !== null);
  const chosen = conditions.find(isDebugX64) ?? conditions[0];
  return chosen === undefined ? null : configurationName(chosen);
};

/** Unconditioned groups first, then the chosen configuration's, in document order. */
const groupsFor = (groups: readonly XmlElement[], configuration: string | null): XmlElement[] => {
  const inScope = (g: XmlElement, wanted: string | null): boolean => {
    const c = attribute(g, "Condition");
    return wanted === null ? c === null : c !== null && configurationName(c) === wanted;
  };
  const unconditioned = groups.filter((g) => inScope(g, null));
  return configuration === null
    ? unconditioned
    : [...unconditioned, ...groups.filter((g) => inScope(g, configuration))];
};

/** `;`-separated MSBuild list items, `%XX` escapes decoded; items with `%(…)`, `$(…)`, `@(…)` dropped. */
const listItems = (text: string): string[] =>
  decodeEntities(text)
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item !== "" && !/[%$@]\(/.test(item))
    .map((item) =>
      item.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    );

interface DefineScan {
  readonly defines: Map<string, string>;
  readonly conditional: Set<string>;
}

const addDefinitions = (scan: DefineScan, el: XmlElement, conditioned: boolean): void => {
  for (const item of listItems(el.body)) {
    const eq = item.indexOf("=");
    const name = (eq < 0 ? item : item.slice(0, eq)).trim();
    if (conditioned) scan.conditional.add(name);
    else scan.defines.set(name, eq < 0 ? "1" : item.slice(eq + 1).trim());
  }
};

/** ClCompile PreprocessorDefinitions only (ResourceCompile and Midl have their own). */
const scanDefines = (groups: readonly XmlElement[]): DefineScan => {
  const scan: DefineScan = { defines: new Map(), conditional: new Set() };
  for (const group of groups)
    for (const cl of elements(group.body, "ClCompile"))
      for (const el of elements(cl.body, "PreprocessorDefinitions"))
        addDefinitions(scan, el, attribute(cl, "Condition") !== null || attribute(el, "Condition") !== null);
  for (const name of scan.defines.keys()) scan.conditional.delete(name);
  return scan;
};

/** A property's value: the last one in scope (as MSBuild overrides), else the first anywhere. */
const propertyLookup = (
  xml: string,
  configuration: string | null,
): ((name: string) => string | undefined) => {
  const groups = elements(xml, "PropertyGroup");
  const scoped = groupsFor(groups, configuration);
  return (name) => {
    const values = (gs: readonly XmlElement[], unconditionedOnly: boolean): string[] =>
      gs.flatMap((g) =>
        elements(g.body, name)
          .filter((el) => !unconditionedOnly || attribute(el, "Condition") === null)
          .map((el) => decodeEntities(el.body).trim()),
      );
    return values(scoped, true).at(-1) ?? values(groups, false)[0];
  };
};

const integer = (text: string | undefined): number | null =>
  text !== undefined && /^\d+$/.test(text) ? Number.parseInt(text, 10) : null;

/** UMDF signals win: WDK samples build UMDF 2 libraries with a stray `<DriverType>KMDF`. */
const detectFramework = (setting: (name: string) => string | undefined): ProjectSettings["framework"] => {
  const driverType = setting("DriverType")?.toUpperCase();
  if (driverType === "UMDF" || integer(setting("UMDF_VERSION_MAJOR")) === 2) return "umdf2";
  if (driverType === "KMDF" || setting("KMDF_VERSION_MAJOR") !== undefined) return "kmdf";
  return null;
};

const detectVersion = (
  framework: ProjectSettings["framework"],
  setting: (name: string) => string | undefined,
): ProjectSettings["version"] => {
  if (framework === null) return null;
  const prefix = framework === "kmdf" ? "KMDF" : "UMDF";
  const major = integer(setting(`${prefix}_VERSION_MAJOR`));
  const minor = integer(setting(`${prefix}_VERSION_MINOR`));
  return major === null || minor === null ? null : { major, minor };
};

/** ClCompile items of every ItemGroup, resolved from the project's folder; macros and globs of items are dropped. */
const sourcesOf = (xml: string, rootRelativeDir: string): string[] => {
  const out = new Set<string>();
  for (const group of elements(xml, "ItemGroup"))
    for (const cl of elements(group.body, "ClCompile"))
      for (const item of listItems(attribute(cl, "Include") ?? "")) {
        const path = item.replaceAll("\\", "/");
        out.add(/^[A-Za-z]:\//.test(path) ? path : posix.normalize(posix.join(rootRelativeDir || ".", path)));
      }
  return [...out];
};

/** Settings of one project; `rootRelativeDir` is the .vcxproj's folder relative to the analyzed root. */
export function parseProject(xmlText: string, file: string, rootRelativeDir: string): ProjectSettings {
  const xml = xmlText.replace(/<!--[\s\S]*?-->/g, "");
  const itemDefinitionGroups = elements(xml, "ItemDefinitionGroup");
  const configuration = chooseConfiguration(itemDefinitionGroups);
  const { defines, conditional } = scanDefines(groupsFor(itemDefinitionGroups, configuration));
  const property = propertyLookup(xml, configuration);
  const setting = (name: string): string | undefined => property(name) ?? defines.get(name);
  const umdf1 = integer(setting("UMDF_VERSION_MAJOR")) === 1;
  const framework = umdf1 ? null : detectFramework(setting);
  return {
    file,
    framework,
    version: detectVersion(framework, setting),
    defines,
    conditionalDefines: [...conditional],
    configuration,
    sources: sourcesOf(xml, rootRelativeDir),
    umdf1,
  };
}

/** MSBuild writes UTF-8 with a BOM; older tools UTF-16 LE (BE too) with a BOM. */
const decodeProject = (bytes: Buffer): string => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)))
      .swap16()
      .toString("utf16le");
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return bytes.toString("utf16le");
  return bytes.toString("utf8").replace(/^\uFEFF/, "");
};

const SKIP_DIRS = new Set(["node_modules", ".git"]);

const projectPaths = async (dir: string): Promise<string[]> => {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory() && !SKIP_DIRS.has(e.name)) out.push(...(await projectPaths(path)));
    else if (e.isFile() && e.name.toLowerCase().endsWith(".vcxproj")) out.push(path);
  }
  return out;
};

/** Every *.vcxproj under `root` (node_modules and .git skipped), sorted by path. */
export async function findProjects(root: string): Promise<ProjectSettings[]> {
  return readProjects(root, await projectPaths(root));
}

/** Parses the given .vcxproj files (absolute paths under `root`), sorted by their relative path. */
export function readProjects(root: string, paths: readonly string[]): ProjectSettings[] {
  const files = paths.map((path) => ({ path, file: relative(root, path).split(sep).join("/") }));
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return files.map(({ path, file }) =>
    parseProject(decodeProject(readFileSync(path)), file, posix.dirname(file)),
  );
}

/** `// wdfsim: framework=umdf2` or `/* wdfsim: framework=kmdf *\/` in a comment; the first one wins. */
export function frameworkMarker(sourceText: string): "kmdf" | "umdf2" | null {
  const m = /(?:\/\/|\/\*)[/*!]*[ \t]*wdfsim:[ \t]*framework[ \t]*=[ \t]*(kmdf|umdf2)\b/i.exec(sourceText);
  return m === null ? null : (m[1]!.toLowerCase() as "kmdf" | "umdf2");
}
