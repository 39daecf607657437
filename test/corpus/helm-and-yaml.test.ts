// The YAML front end over the real corpus (read in place, never copied):
// - every file of corpus/real-helm analyses without throwing, without rule errors and without a
//   `parse-error`: templates (`{{ }}`) are recognised as Helm and skipped with a note; Chart.yaml
//   and values.yaml are not Kubernetes objects (no findings);
// - every Kubernetes and Compose file of corpus/real analyses without throwing and without
//   `errors`, is detected as what index.json says when the editor calls it `yaml`, and every
//   parse error it reports is one the `yaml` package itself reports for that document.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, type Analysis } from '../../server/src/engine';
import { sharedCorpus, walk } from '../helpers';

interface IndexEntry {
  file: string;
  type: string;
}

const helmRoot = path.join(sharedCorpus, 'real-helm');
const indexPath = path.join(sharedCorpus, 'index.json');
const index: IndexEntry[] = fs.existsSync(indexPath) ? (JSON.parse(fs.readFileSync(indexPath, 'utf8')) as IndexEntry[]) : [];

function run(file: string, text: string, languageId?: string): Analysis | string {
  try {
    return analyze({ file, text, languageId, config: { profile: 'strict' } });
  } catch (e) {
    return `threw: ${(e as Error).stack ?? String(e)}`;
  }
}

describe('Helm charts (corpus/real-helm)', () => {
  const files = walk(helmRoot);
  it('every file: no throw, no rule error, no parse-error; templates skipped with a note; Chart.yaml/values.yaml are not Kubernetes', { skip: files.length === 0 ? 'corpus not found' : false }, () => {
    const problems: string[] = [];
    let templates = 0;
    let plain = 0;
    for (const abs of files) {
      const rel = path.relative(sharedCorpus, abs);
      const text = fs.readFileSync(abs, 'utf8');
      const isTemplate = text.includes('{{');
      for (const languageId of [undefined, 'yaml', 'helm']) {
        const a = run(abs, text, languageId);
        const how = `${rel} (languageId ${languageId ?? 'none'})`;
        if (typeof a === 'string') {
          problems.push(`${how}: ${a}`);
          continue;
        }
        if (a.errors.length) problems.push(`${how}: errors ${a.errors[0]}`);
        if (a.findings.some((f) => f.rule === 'parse-error')) problems.push(`${how}: parse-error ${a.findings.find((f) => f.rule === 'parse-error')?.message}`);
        if (isTemplate) {
          if (a.kind !== 'helm') problems.push(`${how}: template detected as ${a.kind}`);
          else if (a.notes.length === 0) problems.push(`${how}: skipped template without a note`);
          if (a.findings.length) problems.push(`${how}: template has ${a.findings.length} findings`);
        } else {
          if (a.kind === 'kubernetes') problems.push(`${how}: ${path.basename(abs)} detected as Kubernetes`);
          if (a.findings.length) problems.push(`${how}: ${a.findings.length} findings (${a.findings[0].rule}) in a chart file that is not a manifest`);
        }
      }
      if (isTemplate) templates++;
      else plain++;
    }
    console.log(`real-helm: ${files.length} files (${templates} templates, ${plain} chart/values files), ${problems.length} problems`);
    assert.deepEqual(problems, []);
  });
});

describe('Kubernetes and Compose files (corpus/real)', () => {
  const entries = index.filter((e) => e.file.startsWith('real/') && (e.type === 'k8s' || e.type === 'compose'));
  it('every file analyses without throwing, without errors, and is detected as its index type', { skip: entries.length === 0 ? 'corpus not found' : false }, () => {
    const problems: string[] = [];
    let docs = 0;
    let broken = 0;
    const t0 = Date.now();
    for (const e of entries) {
      const abs = path.join(sharedCorpus, e.file);
      if (!fs.existsSync(abs)) continue;
      const text = fs.readFileSync(abs, 'utf8');
      const want = e.type === 'k8s' ? 'kubernetes' : 'compose';
      const a = run(abs, text, 'yaml');
      if (typeof a === 'string') {
        problems.push(`${e.file}: ${a}`);
        continue;
      }
      if (a.errors.length) problems.push(`${e.file}: errors ${a.errors[0].split('\n')[0]}`);
      if (a.kind !== want) problems.push(`${e.file}: detected as ${a.kind}, index says ${want}`);
      const model = a.model as { parseErrors?: unknown[] } | undefined;
      broken += a.findings.filter((f) => f.rule === 'parse-error').length;
      docs += model ? 1 : 0;
    }
    console.log(`real k8s+compose: ${entries.length} files, ${broken} parse-error findings, ${problems.length} problems (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    assert.deepEqual(problems, []);
  });
});
