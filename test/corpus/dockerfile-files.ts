// The corpus Dockerfiles: index.json entries of type `dockerfile` plus every file under parser-edge.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sharedCorpus, walk } from '../helpers';

export function corpusDockerfiles(): string[] {
  const indexFile = path.join(sharedCorpus, 'index.json');
  if (!fs.existsSync(indexFile)) return [];
  const index = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as Array<{ file: string; type: string }>;
  const files = index.filter((e) => e.type === 'dockerfile').map((e) => path.join(sharedCorpus, e.file));
  for (const f of walk(path.join(sharedCorpus, 'parser-edge'))) if (!files.includes(f)) files.push(f);
  return files.sort();
}
