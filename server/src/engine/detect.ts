// Which kind of file is this? By language id, then by name, then by content.
import type { FileKind } from './types';
import { visit } from 'yaml';
import { deref, get, isMap, isScalar, str, type YamlStream } from './yaml/parse';

export type NameKind = 'dockerfile' | 'compose' | 'yaml' | 'unknown';

export function basename(file: string): string {
  const cut = file.search(/[?#]/);
  const clean = cut >= 0 ? file.slice(0, cut) : file;
  const i = Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\'));
  let b = i >= 0 ? clean.slice(i + 1) : clean;
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(file)) b = decodeURIComponent(b);
  } catch {
    /* keep the raw name */
  }
  return b;
}

/** Classify a file by its name only. */
export function kindFromName(file: string): NameKind {
  const b = basename(file);
  const lower = b.toLowerCase();
  if (/^(dockerfile|containerfile)(\..+)?$/i.test(b) || lower.endsWith('.dockerfile') || lower.endsWith('.containerfile')) return 'dockerfile';
  if (/^(docker-)?compose([.-].*)?\.ya?ml$/i.test(b)) return 'compose';
  if (/\.ya?ml$/i.test(b)) return 'yaml';
  return 'unknown';
}

/** Classify by VS Code / LSP language id. */
export function kindFromLanguageId(languageId: string | undefined): NameKind | undefined {
  switch (languageId) {
    case 'dockerfile':
    case 'containerfile':
      return 'dockerfile';
    case 'dockercompose':
      return 'compose';
    case 'yaml':
      return 'yaml';
    default:
      return undefined;
  }
}

/** Does this text look like a Dockerfile (first instruction is FROM, or ARG before FROM)? */
export function looksLikeDockerfile(text: string): boolean {
  for (const raw of text.split(/\r\n|\n|\r/, 200)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    return /^(FROM|ARG)\s/i.test(line);
  }
  return false;
}

const HELM_WORDS = /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|include\s|template\s|toYaml|tpl\s)/;

/**
 * Helm / Go template text: `{{ ... }}` actions that are YAML structure rather than text inside a
 * string. A `{{` inside a quoted or block scalar, or inside a comment, is plain YAML (a Grafana
 * dashboard, a Compose label); inside a plain scalar it counts only with Helm's vocabulary
 * (`.Values`, `include`...); anywhere else (a flow collection, an unparseable line) it is a template.
 */
export function isTemplate(stream: YamlStream): boolean {
  const text = stream.text;
  if (!text.includes('{{')) return false;
  const ranges: Array<[number, number, boolean]> = []; // [start, end, plain]
  for (const c of stream.comments) ranges.push([c.span.start, c.span.end, false]);
  for (const d of stream.docs) {
    visit(d.doc, {
      Scalar(_k, node) {
        const r = node.range;
        if (!r) return;
        const plain = node.type === 'PLAIN';
        ranges.push([r[0], r[1], plain]);
      },
    });
  }
  ranges.sort((x, y) => x[0] - y[0]);
  for (let i = text.indexOf('{{'); i >= 0; i = text.indexOf('{{', i + 2)) {
    // The last range starting at or before i.
    let lo = 0;
    let hi = ranges.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid][0] <= i) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const r = found >= 0 && ranges[found][1] > i + 1 ? ranges[found] : undefined;
    if (!r) return true;
    if (r[2] && HELM_WORDS.test(text.slice(i, Math.min(r[1], i + 60)))) return true;
  }
  return false;
}

/** Classify a parsed YAML stream by content. */
export function classifyYaml(stream: YamlStream): 'kubernetes' | 'compose' | 'unknown' {
  let sawK8s = false;
  for (const d of stream.docs) {
    const root = d.doc.contents;
    if (!isMap(root)) continue;
    const apiVersion = str(get(root, 'apiVersion', d.doc));
    const kind = str(get(root, 'kind', d.doc));
    if (typeof apiVersion === 'string' && typeof kind === 'string' && apiVersion && kind) sawK8s = true;
  }
  if (sawK8s) return 'kubernetes';
  const first = stream.docs.find((d) => d.doc.contents !== null);
  if (first && isMap(first.doc.contents)) {
    const services = get(first.doc.contents, 'services', first.doc);
    if (isMap(services) && services.items.every((p) => {
      const v = deref(p.value, first.doc);
      return v === undefined || isMap(v) || (isScalar(v) && v.value === null);
    })) {
      if (get(first.doc.contents, 'apiVersion', first.doc) === undefined && get(first.doc.contents, 'kind', first.doc) === undefined) return 'compose';
    }
  }
  return 'unknown';
}

export function isKnownKind(k: FileKind): boolean {
  return k === 'dockerfile' || k === 'compose' || k === 'kubernetes';
}
