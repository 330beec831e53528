// Objects found in the C source, in creation order, one per create call site. Records stay
// mutable while the interpreter runs (a later WdfIoQueueReadyNotify adds a callback to a queue)
// and are frozen into ObjectConfigs at the end. Ids follow the out-handle names:
// `<parent id>/<last identifier of the out-handle>` (docs/c-frontend.md).

import type { CallbackConfig, FrontendNote, ObjectConfig, SourceSpan } from "../../model/config.js";

export type MutableObject = { -readonly [K in keyof ObjectConfig]: ObjectConfig[K] } & {
  callbacks: CallbackConfig[];
  unknownFields: string[];
  [key: string]: unknown;
};

export class ObjectBuilder {
  readonly objects: MutableObject[] = [];
  readonly notes: FrontendNote[] = [];
  private readonly bySite = new Map<string, MutableObject>();
  private readonly byId = new Map<string, MutableObject>();
  /** Handle names (variables, context fields) -> object ids that were stored there. */
  private readonly handles = new Map<string, string[]>();

  siteKey(span: SourceSpan): string {
    return `${span.file}:${span.line}:${span.column ?? 0}`;
  }

  /** The object already created at this call site (helpers called twice create one object). */
  atSite(span: SourceSpan): MutableObject | undefined {
    return this.bySite.get(this.siteKey(span));
  }

  get(id: string): MutableObject | undefined {
    return this.byId.get(id);
  }

  uniqueId(base: string, span: SourceSpan): string {
    return this.byId.has(base) ? `${base}@L${span.line}` : base;
  }

  add(object: MutableObject, span: SourceSpan): MutableObject {
    this.objects.push(object);
    this.bySite.set(this.siteKey(span), object);
    this.byId.set(object.id as string, object);
    return object;
  }

  /** Remembers that a handle variable or context field now holds `object`. */
  storeHandle(name: string, object: string): void {
    const list = this.handles.get(name) ?? [];
    if (!list.includes(object)) list.push(object);
    this.handles.set(name, list);
  }

  /** The one object a handle name ever held, or null (never stored, or ambiguous). */
  handleNamed(name: string): string | null {
    const list = this.handles.get(name);
    return list?.length === 1 ? list[0]! : null;
  }

  ofKind(kind: ObjectConfig["kind"]): MutableObject[] {
    return this.objects.filter((o) => o.kind === kind);
  }

  note(
    rule: string,
    severity: FrontendNote["severity"],
    message: string,
    object: string | null,
    source: SourceSpan | null,
  ): void {
    this.notes.push({ rule, severity, message, object, source });
  }

  freeze(): ObjectConfig[] {
    return this.objects.map((o) => ({ ...o }) as unknown as ObjectConfig);
  }
}
