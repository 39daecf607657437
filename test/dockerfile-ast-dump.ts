// Everything Harden reads from a dockerfile-ast parse, as one string: instructions (keyword,
// ranges, arguments, flags, heredocs, raw argument text), comments and parser directives. Two
// parses that give the same dump are the same to the engine.
import type { Dockerfile, Instruction } from 'dockerfile-ast';
import { memoiseArgumentSplit, parseDockerfileAst } from '../server/src/engine/dockerfile/ast';

/** A field's value, or what it throws (some accessors throw on odd input, the same with and without the memo). */
function safe(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}

function instructionDump(i: Instruction): unknown {
  const any = i as unknown as Record<string, (() => unknown) | undefined>;
  const call = (name: string): unknown => (typeof any[name] === 'function' ? safe(() => any[name]!.call(i)) : null);
  return [
    i.getKeyword(),
    call('getRange'),
    call('getInstructionRange'),
    call('getArgumentsRange'),
    call('getRawArgumentsContent'),
    call('getArgumentsContent'),
    safe(() => i.getArguments().map((a) => [a.getValue(), a.getRange()])),
    safe(() => (typeof any.getFlags === 'function' ? (i as unknown as { getFlags(): Array<{ getName(): string; getValue(): string | null; getRange(): unknown }> }).getFlags().map((f) => [f.getName(), f.getValue(), f.getRange()]) : null)),
    safe(() => (typeof any.getHeredocs === 'function' ? (i as unknown as { getHeredocs(): Array<{ getName(): string; getContentRange(): unknown }> }).getHeredocs().map((h) => [h.getName(), h.getContentRange()]) : null)),
    // Arguments again, after the accessors above ran (a shared, mutated array would show here).
    safe(() => i.getArguments().map((a) => a.getValue())),
  ];
}

function dump(d: Dockerfile): string {
  return JSON.stringify([
    d.getInstructions().map(instructionDump),
    d.getComments().map((c) => [c.getRange(), c.getContent()]),
    d.getDirectives().map((x) => [x.getRange(), x.getName(), x.getValue()]),
    d.getEscapeCharacter(),
  ]);
}

/** The dump of `text` parsed without and with the memoised argument split (the second is what the engine uses). */
export function dumpsWithAndWithoutMemo(text: string): [string, string] {
  memoiseArgumentSplit(false);
  let plain: string;
  try {
    plain = dump(parseDockerfileAst(text));
  } catch (e) {
    plain = `throws ${(e as Error).message}`;
  } finally {
    memoiseArgumentSplit(true);
  }
  let memo: string;
  try {
    memo = dump(parseDockerfileAst(text));
  } catch (e) {
    memo = `throws ${(e as Error).message}`;
  }
  return [plain, memo];
}
