// Image references (`[registry[:port]/]repository[:tag][@digest]`), shared by the Dockerfile,
// Compose and Kubernetes sides of `latest-tag` and `unpinned-digest`.

export interface ImageRef {
  raw: string;
  /** Registry host (with port), when the first path component names one (`.`/`:` or `localhost`). */
  registry?: string;
  /** Repository path without registry, tag or digest (`library/nginx`, `nginx`). */
  repository: string;
  tag?: string;
  /** `sha256:...` */
  digest?: string;
}

/** True when the reference still contains a variable or template (`$VAR`, `${VAR}`, `{{ }}`). */
export function hasUnresolvedVariable(image: string): boolean {
  return /\$|\{\{/.test(image);
}

/** Parse an image reference. Undefined for an empty string. */
export function parseImageRef(image: string): ImageRef | undefined {
  const raw = image.trim();
  if (!raw) return undefined;
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1) || undefined;
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1) || undefined;
    rest = rest.slice(0, colon);
  }
  return { raw, registry, repository: rest, tag, digest };
}

export type TagProblem = 'latest' | 'missing';

/**
 * `latest` when the tag is `latest`, `missing` when there is none; undefined when the image is
 * pinned by digest, names `scratch`, or cannot be judged (unresolved variable).
 */
export function tagProblem(image: string): TagProblem | undefined {
  if (hasUnresolvedVariable(image)) return undefined;
  const ref = parseImageRef(image);
  if (!ref || ref.repository.toLowerCase() === 'scratch') return undefined;
  if (ref.digest) return undefined;
  if (!ref.tag) return 'missing';
  return ref.tag === 'latest' ? 'latest' : undefined;
}

/** True when the image is not pinned with an `@sha256:` digest (scratch and unresolved references excluded). */
export function lacksDigest(image: string): boolean {
  if (hasUnresolvedVariable(image)) return false;
  const ref = parseImageRef(image);
  if (!ref || ref.repository.toLowerCase() === 'scratch') return false;
  return !ref.digest || !/^sha256:[0-9a-f]{64}$/i.test(ref.digest);
}

/** A human sentence for a tag problem. */
export function tagProblemMessage(image: string, problem: TagProblem): string {
  return problem === 'latest'
    ? `Image \`${image}\` uses the \`latest\` tag: the build or deployment can silently change when the tag moves.`
    : `Image \`${image}\` has no tag, so it means \`latest\`: the build or deployment can silently change when the tag moves.`;
}
