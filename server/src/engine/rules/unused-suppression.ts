// Tool rules: a harden-ignore comment or annotation that suppresses nothing.
import { defineRule } from '../rule';
import type { LineIndex } from '../text';
import type { Fix, ModelBase, RawFinding, Span, TextEdit } from '../types';

const rule = defineRule({
  id: 'unused-suppression',
  title: 'Suppression that suppresses nothing',
  severity: 'info',
  profile: 'R',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: [],
  fix: { safe: true, description: 'delete the directive, or the ids in it that suppress nothing' },
  references: [{ title: 'Harden suppressions', url: 'https://github.com/harden-dev/harden#suppressions' }],
  docs: {
    what: 'A `# harden-ignore` / `# harden-ignore-file` comment, or a `harden/ignore` annotation, names a rule that reports nothing where the directive applies (or a rule id that does not exist).',
    why: 'Stale suppressions hide future problems: once the setting they excused is fixed, the comment stays and silently excuses the next regression on that line, for example a `privileged: true` added back months later. Keeping suppressions exact keeps every exception to the isolation baseline deliberate and reviewable.',
    fix: 'Delete the directive, or the ids in it that no longer suppress anything. The quick fix does this and keeps the reason of the ids that remain.',
    examples: [
      { format: 'dockerfile', bad: '# harden-ignore sudo-in-run -- legacy build\nRUN apt-get update', good: 'RUN apt-get update' },
      { format: 'kubernetes', bad: 'metadata:\n  name: web\n  annotations:\n    harden/ignore: "privileged"\n# (no container is privileged)', good: 'metadata:\n  name: web' },
      { format: 'compose', bad: 'services:\n  web:\n    # harden-ignore host-network\n    image: nginx:1.27', good: 'services:\n  web:\n    image: nginx:1.27' },
    ],
  },
});
export default rule;

/** Delete whole lines covered by span (the comment line, with its line break). */
function deleteLines(span: Span, lines: LineIndex): TextEdit {
  const first = lines.position(span.start).line;
  const last = lines.position(span.end).line;
  const start = lines.lineStart(first);
  const end = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : lines.text.length;
  return { start, end, newText: '' };
}

/** Findings for directives that suppressed nothing (computed by the engine after every other rule ran). */
export function unusedSuppressionFindings(
  unused: Array<{ span: Span; ids: string[]; idSpans: Span[]; whole: boolean }>,
  model: Pick<ModelBase, 'text' | 'comments'>,
  lines: LineIndex,
): RawFinding[] {
  const out: RawFinding[] = [];
  const commentStarts = new Set(model.comments.map((c) => c.span.start));
  for (const u of unused) {
    const ids = u.ids.filter((id) => id !== 'unused-suppression');
    if (u.ids.length && !ids.length) continue;
    const isComment = commentStarts.has(u.span.start);
    const fixes: Fix[] = [];
    if (isComment) {
      if (u.whole) fixes.push({ title: 'Delete this suppression comment', safe: true, edits: [deleteLines(u.span, lines)] });
      else if (u.idSpans.length === ids.length) {
        // Remove only the unused ids (and the comma that joins each to its neighbour).
        const text = model.text;
        const edits: TextEdit[] = u.idSpans.map((s) => {
          let start = s.start;
          let end = s.end;
          const after = /^[ \t]*,[ \t]*/.exec(text.slice(end, end + 20));
          if (after) end += after[0].length;
          else {
            // No comma after: remove the one before (scan back over blanks, the comma, blanks).
            let b = start;
            while (b > 0 && (text[b - 1] === ' ' || text[b - 1] === '\t')) b--;
            if (text[b - 1] === ',') {
              b--;
              while (b > 0 && (text[b - 1] === ' ' || text[b - 1] === '\t')) b--;
              start = b;
            }
          }
          return { start, end, newText: '' };
        });
        fixes.push({ title: `Remove ${ids.join(', ')} from this suppression`, safe: true, edits });
      }
    }
    const what = ids.length === 0 ? 'suppresses nothing' : ids.length === 1 ? `names ${ids[0]}, which reports nothing here` : `names ${ids.join(', ')}, which report nothing here`;
    const unknown = ids.filter((id) => !/^[a-z][a-z0-9-]*$/.test(id));
    const span = u.idSpans.length === 1 ? u.idSpans[0] : u.span;
    out.push({ span, message: `This suppression ${what}${unknown.length ? ' (not a Harden rule id)' : ''}.`, fixes });
  }
  return out;
}
