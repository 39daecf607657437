// Tool rules: the file, or one document of it, cannot be parsed (reported once, at the error).
import { defineRule } from '../rule';
import type { ModelBase, Reporter } from '../types';

function reportParseErrors(model: ModelBase, r: Reporter): void {
  for (const e of model.parseErrors) r.report({ span: e.span, message: e.message });
}

export default defineRule({
  id: 'parse-error',
  title: 'File cannot be parsed',
  severity: 'error',
  profile: 'B',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: [],
  references: [
    { title: 'Dockerfile reference', url: 'https://docs.docker.com/reference/dockerfile/' },
    { title: 'YAML 1.2 specification', url: 'https://yaml.org/spec/1.2.2/' },
  ],
  docs: {
    what: 'The file, or one YAML document in it, cannot be read: broken YAML (bad indentation, an unclosed quote or flow collection), or a Dockerfile line that is not an instruction Docker knows (for example a continuation line that lost its trailing `\\`). It is reported once, where the parser stopped; in a multi-document YAML file the other documents are still checked, and in a Dockerfile the other instructions are. YAML is read as Kubernetes and Docker Compose read it (their parser, go-yaml, follows libyaml): a multi-line quoted value whose continuation lines are not indented more than its key, which YAML 1.2 forbids but those tools accept, is read, not reported.',
    why: 'A security linter can only vouch for what it can read. A manifest that does not parse may be applied differently than it looks (or not at all), and every setting in the part that could not be read - `privileged`, `hostNetwork`, a `docker.sock` mount - goes unchecked until the syntax is fixed.',
    fix: 'Fix the syntax at the reported position. For Dockerfiles, join a broken continuation with `\\` or turn the stray text into a comment. For YAML, check indentation (spaces, not tabs) and quoting.',
    examples: [
      { format: 'dockerfile', bad: 'RUN apt-get update &&\n    apt-get install -y curl', good: 'RUN apt-get update && \\\n    apt-get install -y curl' },
      { format: 'kubernetes', bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n   labels: {app: web}', good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}' },
      { format: 'compose', bad: 'services:\n  web:\n    image: "nginx:1.27', good: 'services:\n  web:\n    image: "nginx:1.27"' },
    ],
  },
  dockerfile: reportParseErrors,
  kubernetes: reportParseErrors,
  compose: reportParseErrors,
});
