// Split a YAML stream into document chunks at document-start markers, without parsing. Each
// chunk is parsed and checked on its own, so an edit re-analyses only the chunks it touches and
// a full analysis is the same computation with an empty cache.
//
// A chunk starts at a line beginning with `---` (followed by a blank, a comment or the end of the
// line) or at the first of the `%` directive lines just before such a marker. YAML forbids a
// document marker at column 0 inside any scalar, so these lines can only be document boundaries.

export interface Chunk {
  /** Offset of the chunk's first character in the whole text. */
  start: number;
  text: string;
}

function isMarker(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 45 || text.charCodeAt(i + 1) !== 45 || text.charCodeAt(i + 2) !== 45) return false;
  const c = text.charCodeAt(i + 3);
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;
}

function lineStartBefore(text: string, i: number): number {
  // Start of the line that ends just before offset i (i is a line start).
  let j = i - 1;
  if (j >= 0 && text.charCodeAt(j) === 10) j--;
  if (j >= 0 && text.charCodeAt(j) === 13) j--;
  while (j >= 0) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) break;
    j--;
  }
  return j + 1;
}

export function splitYamlDocuments(text: string): Chunk[] {
  const starts: number[] = [0];
  // Markers are found with indexOf (native speed on megabyte files), then checked to be at a line start.
  let from = 0;
  for (;;) {
    const i = text.indexOf('---', from);
    if (i < 0) break;
    from = i + 3;
    if (i > 0) {
      const p = text.charCodeAt(i - 1);
      if (p !== 10 && p !== 13) continue;
    }
    if (!isMarker(text, i)) continue;
    // Directive lines (`%YAML`, `%TAG`) just above the marker belong to its document.
    let b = i;
    while (b > 0) {
      const ls = lineStartBefore(text, b);
      if (text.charCodeAt(ls) !== 37 /* % */) break;
      b = ls;
    }
    if (b > starts[starts.length - 1]) starts.push(b);
  }
  return starts.map((s, k) => ({ start: s, text: text.slice(s, k + 1 < starts.length ? starts[k + 1] : text.length) }));
}
