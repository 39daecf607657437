// Minimal text edits for Dockerfile fixes: delete a word inside a RUN, set the USER, insert a line.
import type { Fix, Span, TextEdit } from '../types';
import { type DfStage, type DockerfileModel, type ShippedUserInfo, userInsertionPoint } from './model';

/** Delete `span` and the blanks after it on the same line (or the blanks before it when it ends the line). */
export function deleteWordEdit(text: string, span: Span): TextEdit {
  let end = span.end;
  while (text[end] === ' ' || text[end] === '\t') end++;
  let start = span.start;
  const atLineEnd = end >= text.length || text[end] === '\n' || text[end] === '\r';
  if (atLineEnd || text[end] === ';' || text[end] === '|' || text[end] === '&') {
    end = span.end;
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  }
  return { start, end, newText: '' };
}

/** Delete one character of a combined short-option word (`-fsSLk` -> `-fsSL`). */
export function deleteCharEdit(offset: number): TextEdit {
  return { start: offset, end: offset + 1, newText: '' };
}

/** Insert `USER 10001` in a stage (before CMD/ENTRYPOINT after the last RUN, else at its end). */
export function addUserFix(model: DockerfileModel, stage: DfStage, title = 'Add `USER 10001` to the final stage'): Fix {
  const p = userInsertionPoint(model, stage);
  return { title, safe: false, edits: [{ start: p.offset, end: p.offset, newText: p.newText('USER 10001') }] };
}

/**
 * Make the shipped stage run as uid 10001. When the root USER is in the shipped stage and no RUN
 * follows it there, rewrite its value; otherwise add a `USER 10001` line so earlier build steps keep
 * running as root.
 */
export function rootUserFix(model: DockerfileModel, info: ShippedUserInfo): Fix | undefined {
  const u = info.user;
  if (!u) return undefined;
  const stage = info.stage;
  if (u.stage === stage.index) {
    const after = stage.instructions.filter((i) => i.span.start > u.span.start && !i.onbuild);
    if (!after.some((i) => i.keyword === 'RUN')) return { title: 'Run as uid 10001 (`USER 10001`)', safe: false, edits: [{ start: u.argSpan.start, end: u.argSpan.end, newText: '10001' }] };
  }
  return addUserFix(model, stage, 'Switch to uid 10001 (`USER 10001`) before the container starts');
}
