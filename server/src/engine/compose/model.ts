// The Compose model: one record per service with the effective value of every setting that
// weakens (or restores) isolation, each with the span where it is written. Anchors, aliases,
// `<<` merge keys and `x-` extension fields resolve to the values they give; a value that comes
// through an alias points at the anchored text (where it is written) and is marked not `local`,
// so fixes never edit through an alias. `${VAR:-default}` is evaluated with its default.
import type { YAMLMap } from 'yaml';
import type { CheckContext, ModelBase, Span } from '../types';
import { deref, entries, isAlias, isMap, isScalar, isSeq, scalar, spanOf, type Entry, type YamlStream, type YDoc, type YNode } from '../yaml/parse';
import { interpolate, UNRESOLVED } from './interpolate';
import { linkBuild, type BuildLink } from './build';

/** A scalar setting: its effective value and where it is written. */
export interface Setting<T> {
  value: T;
  /** The scalar as written (before interpolation), or undefined for a collection. */
  raw: unknown;
  /** Where a finding points: `key: value` when both are written together, else the value (alias target). */
  span: Span;
  keySpan: Span;
  /** The value node's span (where it is written). */
  valueSpan: Span;
  /** Written in the service's own text, not through an alias or merge key (fixes may edit it). */
  local: boolean;
  /** Part of the value comes from an environment variable without a literal default. */
  unresolved: boolean;
  entry: Entry;
  /** The map that holds the entry, and its document (for fixes). */
  map: YNode;
  doc: YDoc;
}

/** One entry of a list setting (`cap_add`, `security_opt`, `devices`...). */
export interface ListItem {
  value: string;
  span: Span;
  local: boolean;
  unresolved: boolean;
  node: YNode;
}

export interface ListSetting {
  /** The key of the list (`cap_drop:`), where "the list lacks an entry" points. */
  keySpan: Span;
  span: Span;
  local: boolean;
  items: ListItem[];
  entry: Entry;
  /** The list node (a sequence), or undefined when the value is not a list. */
  node?: YNode;
  doc: YDoc;
}

export interface SecurityOpt {
  /** Lower-cased option name: `no-new-privileges`, `seccomp`, `apparmor`, `label`, `systempaths`. */
  key: string;
  /** The value after `:` or `=`; `true` for a bare flag. */
  value: string;
  item: ListItem;
}

export interface Sysctl {
  name: string;
  value: string;
  span: Span;
  local: boolean;
  /** The `sysctls` map or sequence, and the item node in list form (for fixes). */
  container: YNode;
  item?: YNode;
  doc: YDoc;
}

export interface EnvVar {
  name: string;
  /** Evaluated value; undefined when only the name is given (`- NAME`, `NAME:`, `NAME: null`). */
  value?: string;
  /** The value as written (before interpolation). */
  raw?: string;
  /** True when the value comes (at least partly) from the environment. */
  reference: boolean;
  span: Span;
  local: boolean;
}

export interface Mount {
  /** `bind` (a host path), `volume` (a named volume), `anonymous`, `tmpfs`, `npipe`, `image`, `cluster`... */
  type: string;
  /** The host path for binds (interpolated; `~` kept), the volume name for volumes. */
  source?: string;
  target?: string;
  readOnly: boolean;
  /** Bind propagation: `shared`, `rshared`, `slave`, `private`... */
  propagation?: string;
  /** The volume entry (short syntax) or the `source:` key (long syntax), or a named volume's `device:` line. */
  span: Span;
  /** The whole entry (for messages and removal). */
  entrySpan: Span;
  propagationSpan?: Span;
  local: boolean;
  /** The source contains a reference without a literal default. */
  unresolved: boolean;
  /** Set when the mount is a named volume declared with `driver_opts: {o: bind, device: ...}`. */
  viaVolume?: string;
  node: YNode;
  /** The `volumes` sequence of the service, the long syntax `bind` map, and the document (for fixes). */
  seq: YNode;
  bindNode?: YNode;
  doc: YDoc;
}

export interface BuildSetting {
  /** The `build:` key and its value. */
  setting: Setting<unknown>;
  context: string;
  dockerfile: string;
  /** Inline Dockerfile text (`dockerfile_inline`). */
  inline?: string;
  target?: string;
  privileged?: Setting<boolean>;
  network?: Setting<string>;
  args: EnvVar[];
}

export interface ComposeService {
  name: string;
  /** The service's key (`web:` under `services`): where a missing setting points. */
  keySpan: Span;
  /** The service's map node and the document it lives in. */
  node?: YNode;
  doc: YDoc;
  /** The service body is written under its key (not an alias to another node). */
  local: boolean;
  image?: Setting<string>;
  user?: Setting<string>;
  privileged?: Setting<boolean>;
  capAdd?: ListSetting;
  capDrop?: ListSetting;
  securityOptList?: ListSetting;
  securityOpt: SecurityOpt[];
  networkMode?: Setting<string>;
  pid?: Setting<string>;
  ipc?: Setting<string>;
  usernsMode?: Setting<string>;
  uts?: Setting<string>;
  cgroup?: Setting<string>;
  devices?: ListSetting;
  readOnly?: Setting<boolean>;
  sysctls: Sysctl[];
  mounts: Mount[];
  useApiSocket?: Setting<boolean>;
  environment: EnvVar[];
  memLimit?: Setting<string>;
  pidsLimit?: Setting<string>;
  build?: BuildSetting;
  /** The Dockerfile this service builds, when it could be read (cross-file). */
  buildLink?: BuildLink;
}

export interface ComposeModel extends ModelBase {
  format: 'compose';
  stream: YamlStream;
  services: ComposeService[];
}

// ---------------------------------------------------------------------------------------------

function pairSpan(e: Entry, value: YNode | undefined): Span {
  const vs = spanOf(value);
  if (!vs) return e.keySpan;
  if (isAlias(e.pair.value)) return vs;
  return { start: Math.min(e.keySpan.start, vs.start), end: Math.max(e.keySpan.end, vs.end) };
}

const TRUE = new Set(['true', 'yes', 'y', 'on', '1', 't']);
const FALSE = new Set(['false', 'no', 'n', 'off', '0', 'f']);

/** Compose booleans: YAML booleans, or strings that compose-go converts after interpolation. */
export function toBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v !== 'string') return undefined;
  const s = interpolate(v).value.trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}

interface KeyValue {
  name: string;
  value?: string;
  raw?: unknown;
  reference: boolean;
  span: Span;
  local: boolean;
  container: YNode;
  item?: YNode;
}

class Reader {
  constructor(readonly doc: YDoc, readonly local: boolean, cache?: Map<unknown, Entry[]>) {
    this.cache = cache ?? new Map();
  }

  /** A reader of the same document with another `local` default, sharing the cache. */
  withLocal(local: boolean): Reader {
    return new Reader(this.doc, local, this.cache);
  }

  /** Entries per map node: resolving an alias walks the document, so each map is read once. */
  readonly cache: Map<unknown, Entry[]>;

  entries(node: unknown): Entry[] {
    if (node === null || node === undefined) return [];
    let e = this.cache.get(node);
    if (!e) {
      e = entries(node, this.doc);
      this.cache.set(node, e);
    }
    return e;
  }

  entry(node: unknown, key: string): Entry | undefined {
    return this.entries(node).find((e) => e.key === key);
  }

  setting(node: unknown, key: string, localParent = this.local): Setting<string> | undefined {
    const e = this.entry(node, key);
    if (!e || !e.value) return undefined;
    const raw = scalar(e.value);
    if (raw === undefined || raw === null) return undefined;
    const ip = interpolate(String(raw));
    return this.wrap(e, raw, ip.value, ip.unresolved, localParent, node);
  }

  boolSetting(node: unknown, key: string, localParent = this.local): Setting<boolean> | undefined {
    const e = this.entry(node, key);
    if (!e || !e.value) return undefined;
    const raw = scalar(e.value);
    const b = toBool(raw);
    if (b === undefined) return undefined;
    return this.wrap(e, raw, b, false, localParent, node);
  }

  wrap<T>(e: Entry, raw: unknown, value: T, unresolved: boolean, localParent: boolean, map: unknown): Setting<T> {
    const valueSpan = spanOf(e.value) ?? e.keySpan;
    return { value, raw, span: pairSpan(e, e.value), keySpan: e.keySpan, valueSpan, local: localParent && !e.viaAlias, unresolved, entry: e, map: deref(map, this.doc) as YNode, doc: this.doc };
  }

  list(node: unknown, key: string, localParent = this.local): ListSetting | undefined {
    const e = this.entry(node, key);
    if (!e) return undefined;
    const local = localParent && !e.viaAlias;
    const out: ListSetting = { keySpan: e.keySpan, span: pairSpan(e, e.value), local, items: [], entry: e, doc: this.doc };
    const v = e.value;
    if (isSeq(v)) {
      out.node = v;
      for (const raw of v.items) {
        const item = deref(raw, this.doc);
        if (item && isMap(item)) {
          // Long syntax (`devices: [{source: /dev/x, target: ...}]`): the entry is its `source`.
          const src = this.setting(item, 'source', local && !isAlias(raw));
          if (src) out.items.push({ value: src.value, span: src.span, local: src.local, unresolved: src.unresolved, node: item });
          continue;
        }
        const s = scalar(item);
        if (s === undefined || s === null || !item) continue;
        const ip = interpolate(String(s));
        out.items.push({ value: ip.value, span: spanOf(item) ?? e.keySpan, local: local && !isAlias(raw), unresolved: ip.unresolved, node: item });
      }
    } else if (isScalar(v) && v.value !== null && v.value !== undefined) {
      // A single string where a list is expected: Compose accepts it for some keys (`cap_add: NET_ADMIN` fails, but we still read it).
      const ip = interpolate(String(v.value));
      out.items.push({ value: ip.value, span: spanOf(v) ?? e.keySpan, local, unresolved: ip.unresolved, node: v });
    }
    return out;
  }

  /** `environment` / `build.args` / `sysctls` in map or list (`KEY=value`) form. */
  keyValues(node: unknown, key: string, localParent = this.local): KeyValue[] {
    const e = this.entry(node, key);
    if (!e || !e.value) return [];
    const local = localParent && !e.viaAlias;
    const container = e.value;
    const out: KeyValue[] = [];
    if (isMap(e.value)) {
      for (const kv of this.entries(e.value)) {
        const raw = kv.value ? scalar(kv.value) : null;
        if (raw === undefined) continue;
        if (raw === null) {
          out.push({ name: kv.key, value: undefined, reference: true, span: pairSpan(kv, kv.value), local: local && !kv.viaAlias, container });
          continue;
        }
        const ip = interpolate(String(raw));
        out.push({ name: kv.key, value: ip.value, raw, reference: ip.unresolved, span: pairSpan(kv, kv.value), local: local && !kv.viaAlias, container });
      }
    } else if (isSeq(e.value)) {
      for (const rawItem of e.value.items) {
        const item = deref(rawItem, this.doc);
        const s = scalar(item);
        if (s === undefined || s === null) continue;
        const text = String(s);
        const eq = text.indexOf('=');
        const span = spanOf(item) ?? e.keySpan;
        const itemLocal = local && !isAlias(rawItem);
        if (eq < 0) {
          out.push({ name: text.trim(), value: undefined, reference: true, span, local: itemLocal, container, item: item as YNode });
          continue;
        }
        const ip = interpolate(text.slice(eq + 1));
        out.push({ name: text.slice(0, eq).trim(), value: ip.value, raw: text.slice(eq + 1), reference: ip.unresolved, span, local: itemLocal, container, item: item as YNode });
      }
    }
    return out;
  }
}

/** Parse one `security_opt` entry in any of its spellings. */
export function parseSecurityOpt(text: string): { key: string; value: string } {
  const t = text.trim();
  const i = t.search(/[:=]/);
  if (i < 0) return { key: t.toLowerCase(), value: 'true' };
  return { key: t.slice(0, i).trim().toLowerCase(), value: t.slice(i + 1).trim() };
}

/** Is a short-syntax volume source a host path (a bind mount)? */
export function isPathSource(src: string): boolean {
  return /^(\/|\.|~|[A-Za-z]:[\\/]|\\\\)/.test(src) || src.startsWith(UNRESOLVED + '/');
}

/** Split short syntax `SRC:DST[:opts]`, minding Windows drive letters. */
export function splitShortVolume(spec: string): { source?: string; target?: string; options: string[] } {
  const parts: string[] = [];
  let rest = spec;
  while (rest.length) {
    let i = rest.indexOf(':');
    // `C:\path` or `C:/path` at the start of a part is one part.
    if (i === 1 && /^[A-Za-z]:[\\/]/.test(rest)) {
      const j = rest.slice(2).indexOf(':');
      i = j < 0 ? -1 : j + 2;
    }
    if (i < 0) {
      parts.push(rest);
      break;
    }
    parts.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  if (parts.length <= 1) return { target: parts[0], options: [] };
  return { source: parts[0], target: parts[1], options: parts.slice(2).join(',').split(',').filter(Boolean) };
}

interface NamedVolumeBind {
  device: string;
  span: Span;
  unresolved: boolean;
}

/** Top-level volumes declared as binds: `driver_opts: {type: none, o: bind, device: /path}`. */
function namedBinds(root: unknown, rd: Reader): Map<string, NamedVolumeBind> {
  const out = new Map<string, NamedVolumeBind>();
  const vols = rd.entry(root, 'volumes');
  if (!vols) return out;
  for (const v of rd.entries(vols.value)) {
    const opts = rd.entry(v.value, 'driver_opts');
    if (!opts) continue;
    const device = rd.setting(opts.value, 'device');
    const o = rd.setting(opts.value, 'o');
    if (!device) continue;
    if (!o || !o.value.split(',').some((x) => x.trim() === 'bind' || x.trim() === 'rbind')) continue;
    out.set(v.key, { device: device.value, span: device.span, unresolved: device.unresolved });
  }
  return out;
}

function readMounts(svc: YNode | undefined, rd: Reader, named: Map<string, NamedVolumeBind>, local: boolean): Mount[] {
  const e = rd.entry(svc, 'volumes');
  if (!e || !isSeq(e.value)) return [];
  const listLocal = local && !e.viaAlias;
  const out: Mount[] = [];
  for (const rawItem of e.value.items) {
    const item = deref(rawItem, rd.doc);
    if (!item) continue;
    const itemSpan = spanOf(item) ?? e.keySpan;
    const itemLocal = listLocal && !isAlias(rawItem);
    if (isScalar(item)) {
      if (item.value === null || item.value === undefined) continue;
      const ip = interpolate(String(item.value));
      const { source, target, options } = splitShortVolume(ip.value);
      const base = { entrySpan: itemSpan, span: itemSpan, local: itemLocal, node: item, seq: e.value, doc: rd.doc, target, readOnly: options.includes('ro'), unresolved: ip.unresolved };
      const propagation = options.find((o) => /^r?(shared|slave|private)$/.test(o));
      if (source === undefined || source === '') out.push({ ...base, type: 'anonymous', propagation });
      else if (isPathSource(source)) out.push({ ...base, type: 'bind', source, propagation, propagationSpan: propagation ? itemSpan : undefined });
      else {
        const nb = named.get(source);
        if (nb) out.push({ ...base, type: 'bind', source: nb.device, span: nb.span, viaVolume: source, local: false, unresolved: nb.unresolved });
        else out.push({ ...base, type: 'volume', source });
      }
      continue;
    }
    if (!isMap(item)) continue;
    const type = rd.setting(item, 'type', itemLocal)?.value ?? 'volume';
    const src = rd.setting(item, 'source', itemLocal) ?? rd.setting(item, 'src', itemLocal);
    const target = rd.setting(item, 'target', itemLocal)?.value;
    const ro = rd.boolSetting(item, 'read_only', itemLocal)?.value ?? false;
    const bind = rd.entry(item, 'bind');
    const prop = bind ? rd.setting(bind.value, 'propagation', itemLocal && !bind.viaAlias) : undefined;
    const m: Mount = {
      type,
      source: src?.value,
      target,
      readOnly: ro,
      propagation: prop?.value,
      propagationSpan: prop?.span,
      span: src?.span ?? itemSpan,
      entrySpan: itemSpan,
      local: itemLocal,
      unresolved: src?.unresolved ?? false,
      node: item,
      seq: e.value,
      bindNode: bind?.value,
      doc: rd.doc,
    };
    if (type === 'volume' && src) {
      const nb = named.get(src.value);
      if (nb) Object.assign(m, { type: 'bind', source: nb.device, span: nb.span, viaVolume: src.value, local: false, unresolved: nb.unresolved });
      else if (!src.value) m.type = 'anonymous';
    } else if (type === 'volume' && !src) m.type = 'anonymous';
    out.push(m);
  }
  return out;
}

function readBuild(svc: YNode | undefined, rd: Reader, local: boolean): BuildSetting | undefined {
  const e = rd.entry(svc, 'build');
  if (!e || !e.value) return undefined;
  const bl = local && !e.viaAlias;
  const setting = rd.wrap<unknown>(e, scalar(e.value), scalar(e.value), false, bl, svc);
  if (isScalar(e.value)) {
    const ip = interpolate(String(e.value.value ?? '.'));
    return { setting, context: ip.value || '.', dockerfile: 'Dockerfile', args: [] };
  }
  if (!isMap(e.value)) return undefined;
  const node = e.value;
  const context = rd.setting(node, 'context', bl)?.value || '.';
  const dockerfile = rd.setting(node, 'dockerfile', bl)?.value || 'Dockerfile';
  const inlineEntry = rd.entry(node, 'dockerfile_inline');
  const inlineRaw = inlineEntry ? scalar(inlineEntry.value) : undefined;
  const target = rd.setting(node, 'target', bl)?.value;
  return {
    setting,
    context,
    dockerfile,
    // Compose interpolates `dockerfile_inline` too (`$${VAR}` reaches the Dockerfile as `${VAR}`; an unset variable becomes empty).
    inline: typeof inlineRaw === 'string' ? interpolate(inlineRaw).value.split(UNRESOLVED).join('') : undefined,
    target: target || undefined,
    privileged: rd.boolSetting(node, 'privileged', bl),
    network: rd.setting(node, 'network', bl),
    args: rd.keyValues(node, 'args', bl).map((kv) => ({ name: kv.name, value: kv.value, raw: kv.raw === undefined ? undefined : String(kv.raw), reference: kv.reference, span: kv.span, local: kv.local })),
  };
}

function readService(name: string, keySpan: Span, body: YNode | undefined, local: boolean, rd: Reader, named: Map<string, NamedVolumeBind>): ComposeService {
  const sr = rd.withLocal(local);
  const secList = sr.list(body, 'security_opt');
  const deploy = sr.entry(body, 'deploy');
  const limits = deploy ? sr.entry(sr.entry(deploy.value, 'resources')?.value, 'limits') : undefined;
  const deployLocal = local && !!deploy && !deploy.viaAlias;
  const user = sr.setting(body, 'user');
  return {
    name,
    keySpan,
    node: body,
    doc: rd.doc,
    local,
    image: sr.setting(body, 'image'),
    user,
    privileged: sr.boolSetting(body, 'privileged'),
    capAdd: sr.list(body, 'cap_add'),
    capDrop: sr.list(body, 'cap_drop'),
    securityOptList: secList,
    securityOpt: (secList?.items ?? []).map((item) => ({ ...parseSecurityOpt(item.value), item })),
    networkMode: sr.setting(body, 'network_mode'),
    pid: sr.setting(body, 'pid'),
    ipc: sr.setting(body, 'ipc'),
    usernsMode: sr.setting(body, 'userns_mode'),
    uts: sr.setting(body, 'uts'),
    cgroup: sr.setting(body, 'cgroup'),
    devices: sr.list(body, 'devices'),
    readOnly: sr.boolSetting(body, 'read_only'),
    sysctls: sr.keyValues(body, 'sysctls').map((kv) => ({ name: kv.name, value: kv.value ?? '', span: kv.span, local: kv.local, container: kv.container, item: kv.item, doc: rd.doc })),
    mounts: readMounts(body, sr, named, local),
    useApiSocket: sr.boolSetting(body, 'use_api_socket'),
    environment: sr.keyValues(body, 'environment').map((kv) => ({ name: kv.name, value: kv.value, raw: kv.raw === undefined ? undefined : String(kv.raw), reference: kv.reference, span: kv.span, local: kv.local })),
    memLimit: sr.setting(body, 'mem_limit') ?? (limits ? sr.setting(limits.value, 'memory', deployLocal) : undefined),
    pidsLimit: sr.setting(body, 'pids_limit') ?? (limits ? sr.setting(limits.value, 'pids', deployLocal) : undefined),
    build: readBuild(body, sr, local),
  };
}

/**
 * `extends` within the same file: the service gets every top-level key of the service it extends
 * that it does not set itself (an own key wins; lists are not unioned). Inherited entries point
 * where they are written, in the base service, and are not `local` (no fix edits them from here).
 * `extends.file` names another file: noted, not followed (its spans are not in this text).
 */
function applyExtends(rd: Reader, name: string, body: YNode, bodies: Map<string, YNode>, seen: Set<string>, notes: string[]): Entry[] {
  const own = rd.entries(body);
  const ext = own.find((e) => e.key === 'extends');
  if (!ext || seen.has(name)) return own;
  let base: string | undefined;
  if (isScalar(ext.value)) base = scalar(ext.value) === null ? undefined : String(scalar(ext.value));
  else if (isMap(ext.value)) {
    const file = rd.entries(ext.value).find((e) => e.key === 'file');
    const svc = rd.entries(ext.value).find((e) => e.key === 'service');
    if (file) {
      if (!seen.size) notes.push(`service ${name}: extends a service of another file (${String(scalar(file.value))}); the inherited settings were not checked.`);
      return own;
    }
    base = svc ? String(scalar(svc.value) ?? '') : undefined;
  }
  const baseBody = base ? bodies.get(base) : undefined;
  if (!base || !baseBody) return own;
  const inherited = applyExtends(rd, base, baseBody, bodies, new Set([...seen, name]), notes);
  const keys = new Set(own.map((e) => e.key));
  const out = [...own, ...inherited.filter((e) => !keys.has(e.key) && e.key !== 'extends').map((e) => ({ ...e, viaAlias: true }))];
  rd.cache.set(body, out);
  return out;
}

/** Build the Compose model of a stream (every document with a `services` map). Never throws. */
export function buildComposeModel(stream: YamlStream, ctx: CheckContext): ComposeModel {
  const model: ComposeModel = { format: 'compose', text: stream.text, stream, comments: stream.comments, scopedSuppressions: [], parseErrors: stream.parseErrors, notes: [], services: [] };
  for (const d of stream.docs) {
    const root = d.doc.contents;
    if (!isMap(root)) continue;
    const rd = new Reader(d.doc, true);
    const services = rd.entry(root, 'services');
    if (!services || !isMap(services.value)) continue;
    const named = namedBinds(root, rd);
    const bodies = new Map<string, YNode>();
    for (const s of rd.entries(services.value)) if (s.value && isMap(s.value)) bodies.set(s.key, s.value);
    for (const s of rd.entries(services.value)) {
      if (s.key.startsWith('x-')) continue;
      const body = s.value && isMap(s.value) ? (s.value as YAMLMap as unknown as YNode) : undefined;
      if (s.value && !body) continue;
      if (body) applyExtends(rd, s.key, body, bodies, new Set(), model.notes);
      model.services.push(readService(s.key, s.keySpan, body, !s.viaAlias, rd, named));
    }
  }
  for (const svc of model.services) {
    if (!svc.build) continue;
    try {
      svc.buildLink = linkBuild(svc, ctx, model.notes);
    } catch (e) {
      model.notes.push(`service ${svc.name}: could not read the Dockerfile it builds (${(e as Error).message}).`);
    }
  }
  return model;
}
