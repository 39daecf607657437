// Cross-file: the Dockerfile a Compose service builds (`build:` context + `dockerfile`, default
// `Dockerfile`; `build.target` picks the stage). The engine stays pure: the host's `readFile`
// reads the file, `resolve` places it relative to the Compose file.
import { LineIndex } from '../text';
import type { CheckContext, RelatedInfo, Span } from '../types';
import { buildDockerfileModel, shippedUser } from '../dockerfile/model';
import type { ComposeService } from './model';

export interface BuildLink {
  /** The Dockerfile as the host names it (resolved path), or `<inline>` for `dockerfile_inline`. */
  file: string;
  text: string;
  /** The shipped stage's effective user, when a `USER` sets it. */
  user?: string;
  /** The `USER` instruction that sets it. */
  userSpan?: Span;
  /** The shipped stage's `FROM` instruction. */
  fromSpan: Span;
  /** The shipped stage's base image (the `FROM` reference, ARG defaults resolved). */
  baseImage?: string;
  /** True when the shipped stage runs as root: `USER root`/`0`, or no `USER` at all. */
  runsAsRoot: boolean;
  /** The Dockerfile is `dockerfile_inline` text inside the Compose file (no other file to point at). */
  inline: boolean;
}

/** Join POSIX-style relative paths and normalise `.` and `..` (leading `..` kept). */
export function joinPath(...parts: string[]): string {
  const out: string[] = [];
  let absolute = false;
  parts.forEach((p, i) => {
    const s = p.replace(/\\/g, '/');
    if (s.startsWith('/') || /^[A-Za-z]:\//.test(s)) {
      out.length = 0;
      absolute = true;
      if (/^[A-Za-z]:\//.test(s)) out.push(s.slice(0, 2));
    } else if (i === 0) absolute = false;
    for (const seg of s.split('/')) {
      if (seg === '' || seg === '.' || /^[A-Za-z]:$/.test(seg)) continue;
      if (seg === '..' && out.length && out[out.length - 1] !== '..' && !/^[A-Za-z]:$/.test(out[out.length - 1])) out.pop();
      else if (seg === '..' && absolute) continue;
      else out.push(seg);
    }
  });
  const joined = out.join('/');
  if (absolute) return /^[A-Za-z]:/.test(joined) ? joined : '/' + joined;
  return joined || '.';
}

function isRemoteContext(ctx: string): boolean {
  return /^(https?:\/\/|git@|git:\/\/|ssh:\/\/|github\.com\/)/i.test(ctx) || ctx.split('#')[0].endsWith('.git');
}

/** Read and judge the Dockerfile a service builds. Undefined (with a note) when it cannot be read. */
export function linkBuild(svc: ComposeService, ctx: CheckContext, notes: string[]): BuildLink | undefined {
  const b = svc.build;
  if (!b) return undefined;
  let file: string;
  let text: string | undefined;
  if (b.inline !== undefined) {
    file = ctx.file;
    text = b.inline;
  } else {
    if (isRemoteContext(b.context)) {
      notes.push(`service ${svc.name}: the build context ${b.context} is remote; its Dockerfile was not checked.`);
      return undefined;
    }
    if (b.context.includes('\u0000') || b.dockerfile.includes('\u0000')) {
      notes.push(`service ${svc.name}: the build path depends on an environment variable; its Dockerfile was not checked.`);
      return undefined;
    }
    const rel = joinPath(b.context, b.dockerfile);
    if (!ctx.readFile || !ctx.resolve) return undefined;
    file = ctx.resolve(rel);
    text = ctx.readFile(file);
    if (text === undefined) {
      notes.push(`service ${svc.name}: cannot read ${rel} (the Dockerfile of its build context); judged as if it built none.`);
      return undefined;
    }
  }
  const shipped = shippedSummary(text, b.target);
  if (!shipped) {
    notes.push(`service ${svc.name}: ${b.inline !== undefined ? 'its inline Dockerfile' : file} has no ${b.target ? `stage named ${b.target}` : 'FROM'}; judged as if it built none.`);
    return undefined;
  }
  return { file, text, ...shipped, inline: b.inline !== undefined };
}

type Shipped = Pick<BuildLink, 'user' | 'userSpan' | 'fromSpan' | 'baseImage' | 'runsAsRoot'>;

/** What a Compose service learns from a Dockerfile, by text and target (several services, and files, often build the same one). */
const shippedCache = new Map<string, Shipped | null>();

function shippedSummary(text: string, target: string | undefined): Shipped | undefined {
  const key = `${target ?? ''}\u0000${text}`;
  const hit = shippedCache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const df = buildDockerfileModel(text);
  // Docker refuses to build a target stage that does not exist; do not judge another stage instead.
  const targetMissing = target !== undefined && !df.stages.some((s) => s.name?.toLowerCase() === target.toLowerCase());
  const info = targetMissing ? undefined : shippedUser(df, target);
  const out: Shipped | null = info
    ? {
        user: info.user?.value,
        userSpan: info.user?.span,
        fromSpan: info.stage.from.span,
        baseImage: info.stage.scratch || info.stage.baseStage !== undefined ? undefined : info.stage.image,
        runsAsRoot: info.status === 'root' || info.status === 'unset',
      }
    : null;
  if (shippedCache.size >= 64) shippedCache.delete(shippedCache.keys().next().value as string);
  shippedCache.set(key, out);
  return out ?? undefined;
}

/** Related information pointing at a span of the built Dockerfile. */
export function relatedAt(link: BuildLink, span: Span, message: string): RelatedInfo {
  const lines = new LineIndex(link.text);
  const a = lines.position(span.start);
  const z = lines.position(span.end);
  return { file: link.file, span, line: a.line, character: a.character, endLine: z.line, endCharacter: z.character, message };
}
