// explain-json.md: `source.file` is relative to the analyzed root with '/' separators; for a
// single input file the root is its folder, so the file is named by its base name. Errors keep
// the path the user typed (so a terminal can open it); results carry the relative name.

import type { CallbackConfig, DriverConfig, ObjectConfig, SourceSpan } from "../model/config.js";

const rename = (span: SourceSpan | null | undefined, name: string): SourceSpan | null =>
  span ? { ...span, file: name } : null;

const renameCallback = (cb: CallbackConfig, name: string): CallbackConfig =>
  cb.source ? { ...cb, source: rename(cb.source, name) } : cb;

export const withSourceFile = (config: DriverConfig, name: string): DriverConfig => ({
  ...config,
  objects: config.objects.map(
    (o): ObjectConfig => ({
      ...o,
      source: rename(o.source, name),
      callbacks: o.callbacks.map((cb) => renameCallback(cb, name)),
    }),
  ),
  notes: config.notes.map((n) => ({ ...n, source: rename(n.source, name) })),
});
