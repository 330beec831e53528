// YAML or JSON driver-config text -> DriverConfig. The yaml package parses both, keeps
// positions (LineCounter) and rejects duplicate keys; every error becomes one InputError.

import { type Document, isAlias, LineCounter, parseDocument, visit, type YAMLError } from "yaml";
import type { DriverConfig } from "../../model/config.js";
import { InputError } from "../input-error.js";
import { driverConfigFromPlain } from "./from-plain.js";
import { yamlLocator } from "./yaml-locate.js";

/** The key written at `offset` (yaml reports a duplicate key by its start offset). */
function keyAt(doc: Document, offset: number): string | undefined {
  let found: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as { range?: [number, number, number]; value?: unknown } | null;
      if (key?.range?.[0] === offset) {
        found = String(key.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function syntaxMessage(doc: Document, error: YAMLError): string {
  if (error.code === "DUPLICATE_KEY") {
    const key = keyAt(doc, error.pos[0]);
    return key === undefined ? "duplicate key" : `duplicate key "${key}"`;
  }
  if (error.code === "MULTIPLE_DOCS") return "a driver config is one YAML document; remove the second '---'";
  return `syntax error: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`;
}

/** An alias with no anchor before it (toJS would throw without a position). */
function unresolvedAlias(doc: Document): { offset: number; name: string } | undefined {
  let found: { offset: number; name: string } | undefined;
  visit(doc, {
    Alias(_, alias) {
      if (isAlias(alias) && alias.resolve(doc) === undefined) {
        found = { offset: alias.range?.[0] ?? 0, name: alias.source };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Parses and validates a YAML or JSON driver config.
 * @example parseDriverConfigText("devices:\n  device: {}\n", "driver.yaml").objects[1].id === "device"
 */
export function parseDriverConfigText(text: string, file: string): DriverConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: "error" });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const [error] = [...doc.errors, ...doc.warnings].sort((a, b) => a.pos[0] - b.pos[0]);
  if (error !== undefined) throw new InputError(at(error.pos[0]), syntaxMessage(doc, error));
  const alias = unresolvedAlias(doc);
  if (alias !== undefined)
    throw new InputError(at(alias.offset), `alias "*${alias.name}" has no anchor "&${alias.name}" before it`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new InputError({ file, line: 0, column: 0 }, e instanceof Error ? e.message : String(e));
  }
  return driverConfigFromPlain(value, { file, locate: yamlLocator(doc, lineCounter) }).config;
}
