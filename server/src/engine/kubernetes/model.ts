// The Kubernetes model: every workload object of every document (and of `kind: List` items), its
// pod spec, and each container with its effective security settings resolved ONCE here.
// Container-or-pod fields (runAsUser, runAsGroup, runAsNonRoot, seccompProfile, appArmorProfile,
// seLinuxOptions, windowsOptions) take the container value, else the pod value; container-only
// fields have no pod fallback. Every value knows where it is written (span), where it came from
// (container, pod, annotation, default) and where a missing value would be inserted.
// Rules only read this model; inheritance is decided here and tested once
// (test/unit/kubernetes-model.test.ts).
import type { CheckContext, ModelBase, ScopedSuppression, Span } from '../types';
import { deref, entries, entry, get, getPath, isMap, isSeq, items, parseYamlStream, scalar, str, type Entry, type YamlDocument, type YamlStream, type YDoc, type YNode } from '../yaml/parse';

/** Kinds whose pod template we read, and the path from the object to the pod spec. */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
  // OpenShift's DeploymentConfig (apps.openshift.io/v1) has the Deployment's pod template.
  DeploymentConfig: ['spec', 'template', 'spec'],
};

export type Origin = 'container' | 'pod' | 'annotation' | 'default';

/** A field as written in the manifest. */
export interface Field {
  /** The scalar value (string, number, boolean, null); undefined for a collection. */
  value: string | number | boolean | null | undefined;
  /** The value node. */
  node: YNode | undefined;
  /** The key as written. */
  keySpan: Span;
  /** From the key's start to the value's end (`privileged: true`): where an explicit bad value is reported. */
  span: Span;
  /** The map that holds the key. */
  parent: YNode;
  /** True when the entry (or the map holding it) came through an alias or a `<<` merge: fixes must not edit it. */
  viaAlias: boolean;
}

/** Where a missing setting would go: the deepest existing map on the path and the keys still to create below it. */
export interface InsertPoint {
  map: YNode;
  /** Keys to create under `map`, outermost first (empty when `map` is the map that gets the key itself). */
  path: string[];
  /** True when `map` (or a map on the way to it) was reached through an alias: fixes must not edit it. */
  viaAlias: boolean;
}

/** An effective value: the value that applies to a container, with its origin and (unless a default) where it is written. */
export interface Effective<T> {
  value: T;
  origin: Origin;
  field?: Field;
  /** For `annotation` origin: the annotation (key span to value end). */
  annotation?: Annotation;
}

export interface Annotation {
  key: string;
  value: string;
  keySpan: Span;
  /** Key start to value end. */
  span: Span;
  valueSpan: Span;
  /** The value node. */
  node: YNode;
  parent: YNode;
  viaAlias: boolean;
}

/** One entry of a list (capabilities, sysctls, ports...). */
export interface ListItem {
  node: YNode;
  /** The scalar value for scalar entries. */
  value: string | undefined;
  span: Span;
  /** The sequence holding the entry. */
  seq: YNode;
  viaAlias: boolean;
}

export type ContainerType = 'container' | 'initContainer' | 'ephemeralContainer';

export interface Container {
  type: ContainerType;
  /** The container's name, or `#<index>` when it has none. */
  name: string;
  /** The container map node. */
  node: YNode;
  /** Where findings about missing settings point: the `name: x` entry (or the container's first entry). */
  nameSpan: Span;
  /** The container's `securityContext` map, if any. */
  securityContext?: YNode;
  viaAlias: boolean;
  // Container-only fields (no pod fallback).
  privileged?: Field;
  allowPrivilegeEscalation?: Field;
  readOnlyRootFilesystem?: Field;
  procMount?: Field;
  capabilities?: Field;
  capAdd?: Field;
  capDrop?: Field;
  capAddItems: ListItem[];
  capDropItems: ListItem[];
  image?: Field;
  ports: Array<{ item: ListItem; containerPort?: Field; hostPort?: Field }>;
  env: Array<{ item: ListItem; name?: string; value?: Field; valueFrom?: Field }>;
  volumeMounts: Array<{ item: ListItem; name?: string; mountPath?: string; mountPropagation?: Field }>;
  resources?: Field;
  limitsMemory?: Field;
  // Effective values (container, else pod, else annotation where one exists, else default).
  runAsUser: Effective<number | undefined>;
  runAsGroup: Effective<number | undefined>;
  runAsNonRoot: Effective<boolean | undefined>;
  /** seccompProfile.type from the fields only (the deprecated annotations do not count). */
  seccompType: Effective<string | undefined>;
  /** The deprecated seccomp annotation that applies to this container (container annotation, else pod annotation). */
  seccompAnnotation?: Annotation;
  /** appArmorProfile.type: container field, else the container's annotation (mapped to a type), else the pod field. */
  appArmorType: Effective<string | undefined>;
  seLinuxOptions: Effective<YNode | undefined>;
  windowsHostProcess: Effective<boolean | undefined>;
  /** Insert points for container settings: `securityContext.<key>`. */
  insertSecurityContext: InsertPoint;
  /** Insert point for container-level keys (`resources`...). */
  insertContainer: InsertPoint;
}

export interface Volume {
  item: ListItem;
  name?: string;
  /** The volume type key (`hostPath`, `emptyDir`...), the first key other than `name`. */
  type?: string;
  typeEntry?: Entry;
  /** For hostPath: the `path` field. */
  hostPathPath?: Field;
}

export interface PodSpecModel {
  node: YNode;
  securityContext?: YNode;
  viaAlias: boolean;
  hostNetwork?: Field;
  hostPID?: Field;
  hostIPC?: Field;
  hostUsers?: Field;
  shareProcessNamespace?: Field;
  automountServiceAccountToken?: Field;
  /** `spec.os.name`. */
  osName?: Field;
  // Pod securityContext fields.
  runAsUser?: Field;
  runAsGroup?: Field;
  runAsNonRoot?: Field;
  fsGroup?: Field;
  supplementalGroups?: Field;
  supplementalGroupItems: ListItem[];
  seccompType?: Field;
  appArmorType?: Field;
  seLinuxOptions?: Field;
  windowsHostProcess?: Field;
  sysctls: Array<{ item: ListItem; name?: Field; value?: Field }>;
  /** Container-only fields written under the pod securityContext (Kubernetes drops them). */
  misplaced: Field[];
  volumes: Volume[];
  /** Insert point for `securityContext.<key>` at pod level. */
  insertSecurityContext: InsertPoint;
  /** Insert point for pod spec keys (`automountServiceAccountToken`...). */
  insertSpec: InsertPoint;
}

export interface K8sObject {
  kind: string;
  name: string;
  /** `Kind/name` (what findings call `object`). */
  label: string;
  doc: YamlDocument;
  ydoc: YDoc;
  node: YNode;
  /** The `kind: X` entry. */
  kindSpan: Span;
  /** The object's range: its document, or its item in a List. */
  scope: Span;
  metadata?: YNode;
  /** Object metadata annotations. */
  annotations: Annotation[];
  /** Annotations that apply to the pod: the pod's own for a Pod, the template's for a workload. */
  podAnnotations: Annotation[];
  pod?: PodSpecModel;
  containers: Container[];
  /** `spec.os.name: windows`: exempt from the Linux-only rules (decision 6). */
  windows: boolean;
  /** A Kustomize patch: a fragment, so missing settings are not reported. */
  fragment: boolean;
  /** `metadata.namespace`, when written. */
  namespace?: string;
  /**
   * A ServiceAccount in the same file (same name and namespace as the pod's `serviceAccountName`,
   * `default` when unset) with `automountServiceAccountToken: false`: the pod inherits it when
   * its own field is unset.
   */
  tokenDisabledBy?: K8sObject;
}

export interface KubernetesModel extends ModelBase {
  format: 'kubernetes';
  stream: YamlStream;
  /** Every object with a `kind` (workloads and others), in text order. */
  objects: K8sObject[];
  /** The workload objects (those with a pod spec). */
  workloads: K8sObject[];
}

/** Container-only fields that Kubernetes drops when written under the pod securityContext. */
export const CONTAINER_ONLY_FIELDS = ['privileged', 'allowPrivilegeEscalation', 'capabilities', 'readOnlyRootFilesystem', 'procMount'] as const;

// ---------------------------------------------------------------------------------------------

function keyValueSpan(e: Entry): Span {
  const end = e.value?.range ? e.value.range[1] : e.keySpan.end;
  return { start: e.keySpan.start, end: Math.max(end, e.keySpan.end) };
}

function field(map: YNode | undefined, key: string, doc: YDoc, aliasBase = false): Field | undefined {
  if (!map) return undefined;
  const e = entry(map, key, doc);
  if (!e) return undefined;
  return { value: scalar(e.value), node: e.value, keySpan: e.keySpan, span: keyValueSpan(e), parent: map, viaAlias: aliasBase || e.viaAlias };
}

function mapAt(map: YNode | undefined, key: string, doc: YDoc): YNode | undefined {
  const v = map ? get(map, key, doc) : undefined;
  return isMap(v) ? v : undefined;
}

function isAliasedEntry(map: YNode | undefined, key: string, doc: YDoc): boolean {
  return !!map && !!entry(map, key, doc)?.viaAlias;
}

function listItems(node: YNode | undefined, doc: YDoc, viaAlias: boolean): ListItem[] {
  if (!isSeq(node)) return [];
  const out: ListItem[] = [];
  for (let i = 0; i < node.items.length; i++) {
    const raw = node.items[i] as YNode;
    const n = deref(raw, doc);
    if (!n) continue;
    const r = raw?.range ?? n.range;
    const v = scalar(n);
    out.push({ node: n, value: v === undefined || v === null ? undefined : String(v), span: r ? { start: r[0], end: r[1] } : { start: 0, end: 0 }, seq: node, viaAlias: viaAlias || raw !== n });
  }
  return out;
}

/** The insert point for `path` under `base`: walk existing maps as far as they go. */
function insertPoint(base: YNode, path: readonly string[], doc: YDoc, baseAlias: boolean): InsertPoint {
  let map = base;
  let viaAlias = baseAlias;
  let i = 0;
  for (; i < path.length; i++) {
    const e = entry(map, path[i], doc);
    if (!e || !isMap(e.value)) break;
    viaAlias = viaAlias || e.viaAlias;
    map = e.value;
  }
  return { map, path: path.slice(i), viaAlias };
}

function readAnnotations(meta: YNode | undefined, doc: YDoc, aliasBase: boolean): Annotation[] {
  const ann = mapAt(meta, 'annotations', doc);
  if (!ann) return [];
  const out: Annotation[] = [];
  for (const e of entries(ann, doc)) {
    const v = str(e.value);
    if (v === undefined || !e.value?.range) continue;
    out.push({ key: e.key, value: v, keySpan: e.keySpan, span: keyValueSpan(e), valueSpan: { start: e.value.range[0], end: e.value.range[1] }, node: e.value, parent: ann, viaAlias: aliasBase || e.viaAlias || isAliasedEntry(meta, 'annotations', doc) });
  }
  return out;
}

const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Map an AppArmor annotation value to the field's type: `runtime/default` -> RuntimeDefault, `localhost/x` -> Localhost, `unconfined` -> Unconfined. */
export function appArmorAnnotationType(value: string): string {
  const v = value.trim();
  if (v === 'runtime/default') return 'RuntimeDefault';
  if (v.startsWith('localhost/')) return 'Localhost';
  if (v === 'unconfined') return 'Unconfined';
  return v;
}

function effective<T>(own: Field | undefined, pod: Field | undefined, conv: (v: Field['value'], n: YNode | undefined) => T | undefined): Effective<T | undefined> {
  if (own) return { value: conv(own.value, own.node), origin: 'container', field: own };
  if (pod) return { value: conv(pod.value, pod.node), origin: 'pod', field: pod };
  return { value: undefined, origin: 'default' };
}

const asNumber = (v: Field['value']): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : undefined);
const asBool = (v: Field['value']): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const asString = (v: Field['value']): string | undefined => (v === undefined || v === null ? undefined : String(v));

function buildPod(spec: YNode, doc: YDoc, aliasBase: boolean): PodSpecModel {
  const sc = mapAt(spec, 'securityContext', doc);
  const scAlias = aliasBase || isAliasedEntry(spec, 'securityContext', doc);
  const f = (k: string): Field | undefined => field(spec, k, doc, aliasBase);
  const s = (k: string): Field | undefined => field(sc, k, doc, scAlias);
  const sub = (k: string, inner: string): Field | undefined => {
    const m = mapAt(sc, k, doc);
    return field(m, inner, doc, scAlias || isAliasedEntry(sc, k, doc));
  };
  const supplementalGroups = s('supplementalGroups');
  const sysctls = listItems(getPath(spec, ['securityContext', 'sysctls'], doc), doc, scAlias).map((item) => ({ item, name: field(item.node, 'name', doc, item.viaAlias), value: field(item.node, 'value', doc, item.viaAlias) }));
  const misplaced: Field[] = [];
  for (const k of CONTAINER_ONLY_FIELDS) {
    const m = s(k);
    if (m) misplaced.push(m);
  }
  const volumes: Volume[] = listItems(get(spec, 'volumes', doc), doc, aliasBase).map((item) => {
    const es = isMap(item.node) ? entries(item.node, doc) : [];
    const typeEntry = es.find((e) => e.key !== 'name');
    const v: Volume = { item, name: str(get(item.node, 'name', doc)), type: typeEntry?.key, typeEntry };
    if (typeEntry?.key === 'hostPath') v.hostPathPath = field(typeEntry.value, 'path', doc, item.viaAlias || typeEntry.viaAlias);
    return v;
  });
  return {
    node: spec,
    securityContext: sc,
    viaAlias: aliasBase,
    hostNetwork: f('hostNetwork'),
    hostPID: f('hostPID'),
    hostIPC: f('hostIPC'),
    hostUsers: f('hostUsers'),
    shareProcessNamespace: f('shareProcessNamespace'),
    automountServiceAccountToken: f('automountServiceAccountToken'),
    osName: field(mapAt(spec, 'os', doc), 'name', doc, aliasBase),
    runAsUser: s('runAsUser'),
    runAsGroup: s('runAsGroup'),
    runAsNonRoot: s('runAsNonRoot'),
    fsGroup: s('fsGroup'),
    supplementalGroups,
    supplementalGroupItems: listItems(supplementalGroups?.node, doc, scAlias),
    seccompType: sub('seccompProfile', 'type'),
    appArmorType: sub('appArmorProfile', 'type'),
    seLinuxOptions: s('seLinuxOptions'),
    windowsHostProcess: sub('windowsOptions', 'hostProcess'),
    sysctls,
    misplaced,
    volumes,
    insertSecurityContext: insertPoint(spec, ['securityContext'], doc, aliasBase),
    insertSpec: { map: spec, path: [], viaAlias: aliasBase },
  };
}

function buildContainer(node: YNode, raw: unknown, type: ContainerType, index: number, pod: PodSpecModel, podAnnotations: Annotation[], doc: YDoc, aliasBase: boolean): Container {
  const viaAlias = aliasBase || raw !== node;
  const nameEntry = entry(node, 'name', doc);
  const name = str(nameEntry?.value) ?? `#${index}`;
  const firstEntry = entries(node, doc)[0];
  const nameSpan = nameEntry ? keyValueSpan(nameEntry) : firstEntry ? keyValueSpan(firstEntry) : { start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0 };
  const sc = mapAt(node, 'securityContext', doc);
  const scAlias = viaAlias || isAliasedEntry(node, 'securityContext', doc);
  const s = (k: string): Field | undefined => field(sc, k, doc, scAlias);
  const sub = (k: string, inner: string): Field | undefined => field(mapAt(sc, k, doc), inner, doc, scAlias || isAliasedEntry(sc, k, doc));
  const caps = s('capabilities');
  const capsMap = isMap(caps?.node) ? caps?.node : undefined;
  const capsAlias = scAlias || !!caps?.viaAlias;
  const capAdd = field(capsMap, 'add', doc, capsAlias);
  const capDrop = field(capsMap, 'drop', doc, capsAlias);
  const resources = field(node, 'resources', doc, viaAlias);
  const limits = mapAt(resources?.node, 'limits', doc);

  const ownAppArmor = sub('appArmorProfile', 'type');
  const aaAnn = podAnnotations.find((a) => a.key === APPARMOR_PREFIX + name);
  let appArmorType: Effective<string | undefined>;
  if (ownAppArmor) appArmorType = { value: asString(ownAppArmor.value), origin: 'container', field: ownAppArmor };
  else if (aaAnn) appArmorType = { value: appArmorAnnotationType(aaAnn.value), origin: 'annotation', annotation: aaAnn };
  else appArmorType = effective(undefined, pod.appArmorType, asString);

  const seccompAnnotation = podAnnotations.find((a) => a.key === SECCOMP_CONTAINER_PREFIX + name) ?? podAnnotations.find((a) => a.key === SECCOMP_POD);

  return {
    type,
    name,
    node,
    nameSpan,
    securityContext: sc,
    viaAlias,
    privileged: s('privileged'),
    allowPrivilegeEscalation: s('allowPrivilegeEscalation'),
    readOnlyRootFilesystem: s('readOnlyRootFilesystem'),
    procMount: s('procMount'),
    capabilities: caps,
    capAdd,
    capDrop,
    capAddItems: listItems(capAdd?.node, doc, capsAlias),
    capDropItems: listItems(capDrop?.node, doc, capsAlias),
    image: field(node, 'image', doc, viaAlias),
    ports: listItems(get(node, 'ports', doc), doc, viaAlias).map((item) => ({ item, containerPort: field(item.node, 'containerPort', doc, item.viaAlias), hostPort: field(item.node, 'hostPort', doc, item.viaAlias) })),
    env: listItems(get(node, 'env', doc), doc, viaAlias).map((item) => ({ item, name: str(get(item.node, 'name', doc)), value: field(item.node, 'value', doc, item.viaAlias), valueFrom: field(item.node, 'valueFrom', doc, item.viaAlias) })),
    volumeMounts: listItems(get(node, 'volumeMounts', doc), doc, viaAlias).map((item) => ({ item, name: str(get(item.node, 'name', doc)), mountPath: str(get(item.node, 'mountPath', doc)), mountPropagation: field(item.node, 'mountPropagation', doc, item.viaAlias) })),
    resources,
    limitsMemory: field(limits, 'memory', doc, viaAlias),
    runAsUser: effective(s('runAsUser'), pod.runAsUser, asNumber),
    runAsGroup: effective(s('runAsGroup'), pod.runAsGroup, asNumber),
    runAsNonRoot: effective(s('runAsNonRoot'), pod.runAsNonRoot, asBool),
    seccompType: effective(sub('seccompProfile', 'type'), pod.seccompType, asString),
    seccompAnnotation,
    appArmorType,
    seLinuxOptions: effective(s('seLinuxOptions'), pod.seLinuxOptions, (_v, n) => n),
    windowsHostProcess: effective(sub('windowsOptions', 'hostProcess'), pod.windowsHostProcess, asBool),
    insertSecurityContext: insertPoint(node, ['securityContext'], doc, viaAlias),
    insertContainer: { map: node, path: [], viaAlias },
  };
}

function buildObject(node: YNode, d: YamlDocument, scope: Span, fragment: boolean): K8sObject | undefined {
  const doc = d.doc;
  const kindEntry = entry(node, 'kind', doc);
  const kind = str(kindEntry?.value);
  if (!kindEntry || !kind) return undefined;
  const metadata = mapAt(node, 'metadata', doc);
  const name = str(get(metadata, 'name', doc)) ?? str(get(metadata, 'generateName', doc)) ?? '';
  const label = name ? `${kind}/${name}` : kind;
  const annotations = readAnnotations(metadata, doc, false);
  const obj: K8sObject = { kind, name, label, doc: d, ydoc: doc, node, kindSpan: keyValueSpan(kindEntry), scope, metadata, annotations, podAnnotations: annotations, containers: [], windows: false, fragment, namespace: str(get(metadata, 'namespace', doc)) };
  const path = POD_SPEC_PATHS[kind];
  if (!path) return obj;
  // The pod's metadata: the template's (workloads) or the object's own (Pod).
  if (kind !== 'Pod') {
    const tmpl = getPath(node, path.slice(0, -1), doc);
    obj.podAnnotations = readAnnotations(mapAt(tmpl, 'metadata', doc), doc, false);
  }
  let spec: YNode | undefined = node;
  let aliasBase = false;
  for (const k of path) {
    const e: Entry | undefined = entry(spec, k, doc);
    if (!e || !isMap(e.value)) {
      spec = undefined;
      break;
    }
    aliasBase = aliasBase || e.viaAlias;
    spec = e.value;
  }
  if (!spec) return obj;
  const pod = buildPod(spec, doc, aliasBase);
  obj.pod = pod;
  obj.windows = typeof pod.osName?.value === 'string' && pod.osName.value.toLowerCase() === 'windows';
  const lists: Array<[string, ContainerType]> = [['initContainers', 'initContainer'], ['containers', 'container'], ['ephemeralContainers', 'ephemeralContainer']];
  for (const [key, type] of lists) {
    const seq = get(spec, key, doc);
    if (!isSeq(seq)) continue;
    const listAlias = aliasBase || isAliasedEntry(spec, key, doc);
    seq.items.forEach((raw, i) => {
      const n = deref(raw, doc);
      if (!isMap(n)) return;
      obj.containers.push(buildContainer(n, raw, type, i, pod, obj.podAnnotations, doc, listAlias));
    });
  }
  obj.containers.sort((a, b) => a.nameSpan.start - b.nameSpan.start);
  return obj;
}

// ---------------------------------------------------------------------------------------------
// Suppression annotations.

const KUBE_LINTER_CHECK = 'ignore-check.kube-linter.io/';
const KUBE_LINTER_ALL = 'kube-linter.io/ignore-all';
const CHECKOV_SKIP = /^checkov\.io\/skip\d*$/;

function scopedSuppressions(obj: K8sObject): ScopedSuppression[] {
  const out: ScopedSuppression[] = [];
  for (const a of obj.annotations) {
    if (a.key === 'harden/ignore') {
      let body = a.value;
      let justification: string | undefined;
      const dash = body.indexOf('--');
      if (dash >= 0) {
        justification = body.slice(dash + 2).trim() || undefined;
        body = body.slice(0, dash);
      }
      const ids = body.split(/[\s,]+/).filter(Boolean);
      out.push({ scope: obj.scope, ids: ids.length ? ids : ['*'], span: a.keySpan, foreign: false, justification });
    } else if (a.key.startsWith(KUBE_LINTER_CHECK)) {
      out.push({ scope: obj.scope, ids: [a.key.slice(KUBE_LINTER_CHECK.length)], span: a.keySpan, foreign: true, justification: a.value || undefined });
    } else if (a.key === KUBE_LINTER_ALL) {
      out.push({ scope: obj.scope, ids: ['*'], span: a.keySpan, foreign: true, justification: a.value || undefined });
    } else if (CHECKOV_SKIP.test(a.key)) {
      const m = /^\s*([A-Za-z0-9_]+)\s*(?:=(.*))?$/.exec(a.value);
      if (m) out.push({ scope: obj.scope, ids: [m[1]], span: a.keySpan, foreign: true, justification: m[2]?.trim() || undefined });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Kustomize patches.

function basename(p: string): string {
  const cut = [p.indexOf('?'), p.indexOf('#')].filter((i) => i >= 0);
  const c = cut.length ? p.slice(0, Math.min(...cut)) : p;
  return c.slice(Math.max(c.lastIndexOf('/'), c.lastIndexOf('\\')) + 1);
}

/** True when a `kustomization.yaml` next to the file lists it as a patch. */
export function isKustomizePatch(ctx: CheckContext): boolean {
  if (!ctx.readFile || !ctx.resolve) return false;
  const me = basename(ctx.file);
  if (/^kustomization\.ya?ml$/i.test(me)) return false;
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    let text: string | undefined;
    try {
      text = ctx.readFile(ctx.resolve(name));
    } catch {
      text = undefined;
    }
    if (text === undefined) continue;
    const s = parseYamlStream(text);
    const d = s.docs[0];
    if (!d || !isMap(d.doc.contents)) return false;
    const paths: string[] = [];
    for (const key of ['patches', 'patchesStrategicMerge', 'patchesJson6902']) {
      for (const it of items(get(d.doc.contents, key, d.doc), d.doc)) {
        const p = isMap(it) ? str(get(it, 'path', d.doc)) : str(it);
        if (p) paths.push(p);
      }
    }
    for (const p of paths) {
      const clean = p.trim().replace(/^\.\//, '');
      if (clean === me) return true;
      try {
        if (ctx.resolve(clean) === ctx.resolve(me) && !clean.includes('/')) return true;
        if (ctx.resolve(clean) === ctx.file) return true;
      } catch {
        /* ignore */
      }
    }
    return false;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------

export function buildKubernetesModel(stream: YamlStream, ctx: CheckContext): KubernetesModel {
  const model: KubernetesModel = { format: 'kubernetes', text: stream.text, stream, comments: stream.comments, scopedSuppressions: [], parseErrors: stream.parseErrors, notes: [], objects: [], workloads: [] };
  const fragment = isKustomizePatch(ctx);
  if (fragment) model.notes.push('Kustomize patch: checked for explicit bad values only (settings missing here may come from the base).');
  for (const d of stream.docs) {
    if (d.error) continue; // a broken document gives one parse-error; the others are still linted
    const root = d.doc.contents as YNode | null;
    if (!isMap(root)) continue;
    const kind = str(get(root, 'kind', d.doc));
    const docScope = d.span;
    if (kind && (kind === 'List' || kind.endsWith('List')) && isSeq(get(root, 'items', d.doc))) {
      const seq = get(root, 'items', d.doc);
      (seq as { items: unknown[] }).items.forEach((raw) => {
        const n = deref(raw, d.doc);
        if (!isMap(n)) return;
        const r = (raw as YNode).range ?? n.range;
        const obj = buildObject(n, d, r ? { start: r[0], end: r[2] } : docScope, fragment);
        if (obj) model.objects.push(obj);
      });
      continue;
    }
    const obj = buildObject(root, d, docScope, fragment);
    if (obj) model.objects.push(obj);
  }
  model.workloads = model.objects.filter((o) => o.pod);
  const noTokenAccounts = model.objects.filter((o) => o.kind === 'ServiceAccount' && scalar(get(o.node, 'automountServiceAccountToken', o.ydoc)) === false);
  if (noTokenAccounts.length)
    for (const w of model.workloads) {
      const spec = w.pod!.node;
      const sa = str(get(spec, 'serviceAccountName', w.ydoc)) ?? str(get(spec, 'serviceAccount', w.ydoc)) ?? 'default';
      w.tokenDisabledBy = noTokenAccounts.find((a) => a.name === sa && (a.namespace ?? '') === (w.namespace ?? ''));
    }
  for (const o of model.objects) model.scopedSuppressions.push(...scopedSuppressions(o));
  return model;
}

// ---------------------------------------------------------------------------------------------
// Helpers for rules.

/** "Deployment/web, container app" (or "Deployment/web, init container setup"). */
export function where(obj: K8sObject, c?: Container): string {
  if (!c) return obj.label;
  const t = c.type === 'initContainer' ? 'init container' : c.type === 'ephemeralContainer' ? 'ephemeral container' : 'container';
  return `${obj.label}, ${t} ${c.name}`;
}

/** Visit every container of every workload. */
export function eachContainer(model: KubernetesModel, fn: (obj: K8sObject, c: Container) => void): void {
  for (const o of model.workloads) for (const c of o.containers) fn(o, c);
}

/** True when a field's value is the boolean `true` (YAML `true`, not the string "true"). */
export function isTrue(f: Field | undefined): boolean {
  return f?.value === true;
}

/** True when a uid field is 0 (`0` or `"0"`). */
export function isRootUid(f: Field): boolean {
  return f.value === 0 || (typeof f.value === 'string' && /^\s*0+\s*$/.test(f.value));
}
