// The parse floor: read every file and parse it once with the parsers Harden uses (`yaml` with
// source tokens and a line counter, `dockerfile-ast`), and nothing else.
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..');
const { Parser, Composer, LineCounter } = require(require.resolve('yaml', { paths: [root] }));
const { DockerfileParser } = require(require.resolve('dockerfile-ast', { paths: [root] }));
const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let docs = 0;
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  if (/(^|\/)(Dockerfile|Containerfile)[^/]*$|\.dockerfile$/i.test(f)) {
    DockerfileParser.parse(text);
    docs++;
  } else {
    const lc = new LineCounter();
    const composer = new Composer({ keepSourceTokens: true });
    for (const d of composer.compose(new Parser(lc.addNewLine).parse(text), true, text.length)) docs += d ? 1 : 0;
  }
}
process.stdout.write(`${files.length} files, ${docs} documents parsed\n`);
