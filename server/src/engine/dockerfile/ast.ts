// dockerfile-ast, with one speed-up. `Instruction.getRawArguments()` splits the instruction's text
// into arguments again on every call, and the parser and the instruction classes call it many
// times per instruction (`getArguments`, `getFlags`, `getRawArgumentsContent`...): on long RUN
// instructions with many continuation lines that made parsing grow faster than the text (95 ms
// for moby/buildkit's 20 kB Dockerfile). The split depends only on the instruction's document,
// range and escape character, which never change after the instruction is created, so it is
// computed once per instruction and each caller gets its own copy of the array (some callers
// shift flags off it). test/corpus/dockerfile-ast-memo.test.ts checks that every corpus
// Dockerfile parses to the same instructions, arguments, flags and ranges with and without it.
import { DockerfileParser, type Argument, type Dockerfile } from 'dockerfile-ast';
import { Instruction } from 'dockerfile-ast/lib/instruction';

/** `getRawArguments` is private in the typings; it is a plain prototype method at run time. */
interface WithRawArguments {
  getRawArguments(): Argument[];
}

const proto = Instruction.prototype as unknown as WithRawArguments;
const original = proto.getRawArguments;
const splits = new WeakMap<object, Argument[]>();

function memoised(this: WithRawArguments): Argument[] {
  let args = splits.get(this);
  if (!args) {
    args = original.call(this);
    splits.set(this, args);
  }
  return args.slice();
}

/** Install (or, for the equivalence test, remove) the memoised argument split. Installed on load. */
export function memoiseArgumentSplit(on: boolean): void {
  proto.getRawArguments = on ? memoised : original;
}

memoiseArgumentSplit(true);

/** Parse a Dockerfile with dockerfile-ast (argument splits memoised). */
export function parseDockerfileAst(text: string): Dockerfile {
  return DockerfileParser.parse(text);
}
