// .vcxproj reading: framework, client version, configuration choice, PreprocessorDefinitions and
// ClCompile sources. Inputs are hand-written projects shaped like the WDK's (Globals and
// Configuration property groups, Condition attributes, ItemDefinitionGroups per configuration).

import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findProjects, frameworkMarker, parseProject } from "../../../src/frontends/c/project.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/c-projects");

const DEBUG_X64 = "'$(Configuration)|$(Platform)'=='Debug|x64'";
const RELEASE_X64 = "'$(Configuration)|$(Platform)'=='Release|x64'";
const DEBUG_ARM64 = "'$(Configuration)|$(Platform)'=='Debug|ARM64'";
const RELEASE_ARM64 = "'$(Configuration)|$(Platform)'=='Release|ARM64'";

const vcxproj = (...parts: string[]): string =>
  `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">\n${parts.join("\n")}\n</Project>\n`;
const when = (condition: string | undefined): string =>
  condition === undefined ? "" : ` Condition="${condition}"`;
const properties = (inner: string, condition?: string): string =>
  `<PropertyGroup${when(condition)}>${inner}</PropertyGroup>`;
const definitions = (list: string, condition?: string): string =>
  `<ItemDefinitionGroup${when(condition)}><ClCompile><PreprocessorDefinitions>${list}</PreprocessorDefinitions></ClCompile></ItemDefinitionGroup>`;

const parse = (...parts: string[]) => parseProject(vcxproj(...parts), "drv/drv.vcxproj", "drv");
const entries = (...parts: string[]) => [...parse(...parts).defines];

describe("framework", () => {
  it.each([
    ["DriverType KMDF", properties("<DriverType>KMDF</DriverType>"), "kmdf"],
    ["KMDF_VERSION_MAJOR alone", properties("<KMDF_VERSION_MAJOR>1</KMDF_VERSION_MAJOR>"), "kmdf"],
    ["DriverType UMDF", properties("<DriverType>UMDF</DriverType>"), "umdf2"],
    ["UMDF_VERSION_MAJOR 2 alone", properties("<UMDF_VERSION_MAJOR>2</UMDF_VERSION_MAJOR>"), "umdf2"],
    [
      "UMDF_VERSION_MAJOR 2 beside a stray DriverType KMDF",
      properties("<DriverType>KMDF</DriverType><UMDF_VERSION_MAJOR>2</UMDF_VERSION_MAJOR>"),
      "umdf2",
    ],
    ["KMDF_VERSION_MAJOR as a define", definitions("KMDF_VERSION_MAJOR=1"), "kmdf"],
    ["DriverType WDM", properties("<DriverType>WDM</DriverType>"), null],
    ["no driver properties", properties("<ConfigurationType>Application</ConfigurationType>"), null],
    ["DriverType only inside an XML comment", "<!-- <DriverType>KMDF</DriverType> -->", null],
  ] as const)("%s -> %s", (_name, part, expected) => {
    expect(parse(part).framework).toBe(expected);
  });

  it("UMDF_VERSION_MAJOR 1 is UMDF 1: no framework, umdf1 set", () => {
    const p = parse(properties("<DriverType>UMDF</DriverType><UMDF_VERSION_MAJOR>1</UMDF_VERSION_MAJOR>"));
    expect(p.framework).toBe(null);
    expect(p.umdf1).toBe(true);
  });

  it("UMDF 2 and KMDF projects are not UMDF 1", () => {
    expect(parse(properties("<UMDF_VERSION_MAJOR>2</UMDF_VERSION_MAJOR>")).umdf1).toBe(false);
    expect(parse(properties("<DriverType>KMDF</DriverType>")).umdf1).toBe(false);
  });

  it("a property stated only for another configuration still counts", () => {
    const p = parse(properties("<DriverType>KMDF</DriverType>", RELEASE_X64), definitions("X", DEBUG_X64));
    expect(p.framework).toBe("kmdf");
  });
});

describe("version", () => {
  it("KMDF major and minor", () => {
    const p = parse(
      properties("<KMDF_VERSION_MAJOR>1</KMDF_VERSION_MAJOR><KMDF_VERSION_MINOR>15</KMDF_VERSION_MINOR>"),
    );
    expect(p.version).toEqual({ major: 1, minor: 15 });
  });

  it("UMDF major and minor", () => {
    const p = parse(
      properties("<UMDF_VERSION_MAJOR>2</UMDF_VERSION_MAJOR><UMDF_VERSION_MINOR>33</UMDF_VERSION_MINOR>"),
    );
    expect(p.version).toEqual({ major: 2, minor: 33 });
  });

  it("a major without a minor states no version", () => {
    expect(parse(properties("<KMDF_VERSION_MAJOR>1</KMDF_VERSION_MAJOR>")).version).toBe(null);
  });

  it("a minor that is an MSBuild macro states no version", () => {
    const p = parse(
      properties(
        "<KMDF_VERSION_MAJOR>1</KMDF_VERSION_MAJOR><KMDF_VERSION_MINOR>$(Latest)</KMDF_VERSION_MINOR>",
      ),
    );
    expect(p.version).toBe(null);
  });

  it("the chosen configuration's value wins over another configuration's", () => {
    const p = parse(
      properties("<KMDF_VERSION_MAJOR>1</KMDF_VERSION_MAJOR>"),
      properties("<KMDF_VERSION_MINOR>33</KMDF_VERSION_MINOR>", DEBUG_X64),
      properties("<KMDF_VERSION_MINOR>15</KMDF_VERSION_MINOR>", RELEASE_X64),
      definitions("X", RELEASE_X64),
      definitions("Y", DEBUG_X64),
    );
    expect(p.version).toEqual({ major: 1, minor: 33 });
  });

  it("the version read from PreprocessorDefinitions when no property states it", () => {
    const p = parse(definitions("KMDF_VERSION_MAJOR=1;KMDF_VERSION_MINOR=19"));
    expect(p.version).toEqual({ major: 1, minor: 19 });
  });
});

describe("configuration choice", () => {
  it("Debug|x64 is chosen even when Release|x64 comes first", () => {
    const p = parse(definitions("REL", RELEASE_X64), definitions("DBG_BUILD", DEBUG_X64));
    expect(p.configuration).toBe("Debug|x64");
    expect([...p.defines]).toEqual([["DBG_BUILD", "1"]]);
  });

  it("without Debug|x64 the first conditioned group is chosen", () => {
    const p = parse(definitions("REL_ARM", RELEASE_ARM64), definitions("DBG_ARM", DEBUG_ARM64));
    expect(p.configuration).toBe("Release|ARM64");
    expect([...p.defines]).toEqual([["REL_ARM", "1"]]);
  });

  it("only an unconditioned group: no configuration name, its defines", () => {
    const p = parse(definitions("COMMON"));
    expect(p.configuration).toBe(null);
    expect([...p.defines]).toEqual([["COMMON", "1"]]);
  });

  it("unconditioned defines are merged under the chosen configuration, which overrides them", () => {
    const p = parse(definitions("DBG=1;EXTRA", DEBUG_X64), definitions("COMMON;DBG=0"));
    expect([...p.defines]).toEqual([
      ["COMMON", "1"],
      ["DBG", "1"],
      ["EXTRA", "1"],
    ]);
  });

  it("several groups for the chosen configuration are all read, in order", () => {
    const p = parse(
      definitions("FIRST;V=1", DEBUG_X64),
      definitions("V=2", RELEASE_X64),
      definitions("V=3", DEBUG_X64),
    );
    expect([...p.defines]).toEqual([
      ["FIRST", "1"],
      ["V", "3"],
    ]);
  });

  it("no ItemDefinitionGroup at all: no configuration, no defines", () => {
    const p = parse(properties("<DriverType>KMDF</DriverType>"));
    expect(p.configuration).toBe(null);
    expect(p.defines.size).toBe(0);
  });
});

describe("PreprocessorDefinitions", () => {
  it("NAME, NAME=VALUE, NAME= and blanks around names, values and separators", () => {
    expect(entries(definitions(" DBG ; LEVEL = 4 ;;EMPTY=;POOL_NX_OPTIN=1 "))).toEqual([
      ["DBG", "1"],
      ["LEVEL", "4"],
      ["EMPTY", ""],
      ["POOL_NX_OPTIN", "1"],
    ]);
  });

  it("%(PreprocessorDefinitions) and $(…) macros are dropped", () => {
    expect(entries(definitions("%(PreprocessorDefinitions);A;NAME=$(TargetName);B"))).toEqual([
      ["A", "1"],
      ["B", "1"],
    ]);
  });

  it("XML entities and MSBuild %XX escapes are decoded", () => {
    expect(entries(definitions("MSG=&quot;hi&quot;;SEP=a%3Bb"))).toEqual([
      ["MSG", '"hi"'],
      ["SEP", "a;b"],
    ]);
  });

  it("ResourceCompile and Midl definitions are not the compiler's", () => {
    const p = parse(
      `<ItemDefinitionGroup><ResourceCompile><PreprocessorDefinitions>RC</PreprocessorDefinitions></ResourceCompile><Midl><PreprocessorDefinitions>MIDL</PreprocessorDefinitions></Midl><ClCompile><PreprocessorDefinitions>CL</PreprocessorDefinitions></ClCompile></ItemDefinitionGroup>`,
    );
    expect([...p.defines]).toEqual([["CL", "1"]]);
  });

  it("a definition under its own MSBuild Condition is reported, not assumed", () => {
    const p = parse(
      `<ItemDefinitionGroup><ClCompile><PreprocessorDefinitions Condition="'$(X)'=='1'">MAYBE;BOTH</PreprocessorDefinitions><PreprocessorDefinitions>BOTH</PreprocessorDefinitions></ClCompile></ItemDefinitionGroup>`,
    );
    expect([...p.defines]).toEqual([["BOTH", "1"]]);
    expect(p.conditionalDefines).toEqual(["MAYBE"]);
  });

  it("no conditioned definitions: nothing reported", () => {
    expect(parse(definitions("A")).conditionalDefines).toEqual([]);
  });
});

describe("ClCompile sources", () => {
  it("resolved from the project's folder, `;` lists split, macros and other item types skipped", () => {
    const p = parse(
      `<ItemGroup><ClCompile Include="driver.c; ..\\common\\util.c" /><ClCompile Include="queue.c"><WppEnabled>true</WppEnabled></ClCompile><ClCompile Include="$(IntDir)\\gen.c" /><ClInclude Include="driver.h" /><None Include="readme.txt" /></ItemGroup>`,
    );
    expect(p.sources).toEqual(["drv/driver.c", "common/util.c", "drv/queue.c"]);
  });

  it("ClCompile settings in an ItemDefinitionGroup are not sources", () => {
    expect(parse(definitions("A")).sources).toEqual([]);
  });

  it("a project at the analyzed root keeps plain names", () => {
    const p = parseProject(vcxproj(`<ItemGroup><ClCompile Include="a.c" /></ItemGroup>`), "drv.vcxproj", ".");
    expect(p.sources).toEqual(["a.c"]);
    expect(p.file).toBe("drv.vcxproj");
  });
});

describe("findProjects on the fixture folder", () => {
  it("reads both projects, sorted by path, with everything they state", async () => {
    const projects = await findProjects(FIXTURES);
    expect(projects.map((p) => ({ ...p, defines: [...p.defines] }))).toEqual([
      {
        file: "kmdf/driver/kmdfdrv.vcxproj",
        framework: "kmdf",
        version: { major: 1, minor: 31 },
        defines: [
          ["POOL_NX_OPTIN", "1"],
          ["DBG", "1"],
          ["TRACE_LEVEL", "4"],
          ["EVENT_TRACING", "1"],
        ],
        conditionalDefines: ["VERBOSE_LOG"],
        configuration: "Debug|x64",
        sources: ["kmdf/driver/driver.c", "kmdf/shared/helper.c", "kmdf/driver/queue.c"],
        umdf1: false,
      },
      {
        file: "umdf2/umdf2drv.vcxproj",
        framework: "umdf2",
        version: { major: 2, minor: 33 },
        defines: [
          ["UNICODE", "1"],
          ["_UNICODE", "1"],
        ],
        conditionalDefines: [],
        configuration: "Release|Win32",
        sources: ["umdf2/device.c", "umdf2/driver.c"],
        umdf1: false,
      },
    ]);
  });
});

describe("findProjects on a temporary folder", () => {
  let root = "";
  const kmdf = vcxproj(properties("<DriverType>KMDF</DriverType>"), definitions("FROM_UTF16"));

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "wdfsim-projects-"));
    for (const dir of ["b", "node_modules/pkg", ".git", "a"])
      await mkdir(join(root, dir), { recursive: true });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(kmdf, "utf16le")]);
    await writeFile(join(root, "b/le.vcxproj"), le);
    await writeFile(
      join(root, "b/be.vcxproj"),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(kmdf, "utf16le").swap16()]),
    );
    await writeFile(join(root, "a/plain.vcxproj"), vcxproj(properties("<DriverType>UMDF</DriverType>")));
    await writeFile(join(root, "c.vcxproj"), `\uFEFF${vcxproj(properties("<DriverType>WDM</DriverType>"))}`);
    await writeFile(join(root, "node_modules/pkg/skip.vcxproj"), kmdf);
    await writeFile(join(root, ".git/skip.vcxproj"), kmdf);
    await writeFile(join(root, "b/notes.txt"), kmdf);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("finds every project except under node_modules and .git, sorted by path", async () => {
    const projects = await findProjects(root);
    expect(projects.map((p) => [p.file, p.framework])).toEqual([
      ["a/plain.vcxproj", "umdf2"],
      ["b/be.vcxproj", "kmdf"],
      ["b/le.vcxproj", "kmdf"],
      ["c.vcxproj", null],
    ]);
  });

  it("UTF-16 LE and BE files with a BOM are read like UTF-8 ones", async () => {
    const projects = await findProjects(root);
    expect(projects.filter((p) => p.file.startsWith("b/")).map((p) => [...p.defines])).toEqual([
      [["FROM_UTF16", "1"]],
      [["FROM_UTF16", "1"]],
    ]);
  });

  it("an empty folder has no projects", async () => {
    await mkdir(join(root, "empty"));
    expect(await findProjects(join(root, "empty"))).toEqual([]);
  });
});

describe("frameworkMarker", () => {
  it.each([
    ["// wdfsim: framework=umdf2\n#include <wdf.h>", "umdf2"],
    ["#include <wdf.h>\n/* wdfsim: framework=kmdf */", "kmdf"],
    ["//wdfsim:framework = KMDF", "kmdf"],
    ["/** wdfsim: framework=umdf2 */", "umdf2"],
    ["// wdfsim: framework=kmdf\n// wdfsim: framework=umdf2", "kmdf"],
  ] as const)("%j -> %s", (text, expected) => {
    expect(frameworkMarker(text)).toBe(expected);
  });

  it.each([
    "#include <wdf.h>",
    'const char* s = "wdfsim: framework=kmdf";',
    "// wdfsim: framework=umdf",
    "// wdfsim: framework=umdf21",
    "// framework=kmdf",
  ])("%j -> null", (text) => {
    expect(frameworkMarker(text)).toBe(null);
  });
});
