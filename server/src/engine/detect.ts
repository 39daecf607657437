// Which kind of file is this? By language id, then by name, then by content.
import type { FileKind } from './types';
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

/**
 * Helm (Go template) text: `{{ ... }}` actions that make the file not plain YAML. A quoted
 * `{{ .Name }}` inside a Compose label is plain YAML and does not count.
 */
export function looksLikeTemplate(text: string): boolean {
  if (!text.includes('{{')) return false;
  return /^[ \t]*(-[ \t]+)?\{\{/m.test(text) || /:[ \t]+\{\{/.test(text) || /\{\{-?\s*(\.Values|\.Release|\.Chart|include\s|template\s|toYaml|tpl\s)/.test(text);
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
