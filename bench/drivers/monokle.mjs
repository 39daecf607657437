// @monokle/validation over Kubernetes files with its Pod Security Standards, practices and YAML
// syntax plugins (the ones that work offline), all files validated in one process.
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { AnnotationSuppressor, DisabledFixer, FingerprintSuppressor, MonokleValidator, RemotePluginLoader, ResourceParser, SchemaLoader, requireFromStringCustomPluginLoader } from '@monokle/validation';

const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const resources = [];
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  let i = 0;
  for (const d of parseAllDocuments(text)) {
    const content = d.toJS({ maxAliasCount: 100 });
    if (!content || typeof content !== 'object' || !content.kind || !content.apiVersion) continue;
    const [start, , end] = d.range;
    resources.push({ id: `${f}#${i++}`, fileId: f, filePath: f, fileOffset: start, name: content.metadata?.name ?? '', apiVersion: content.apiVersion, kind: content.kind, namespace: content.metadata?.namespace, content, text: text.slice(start, end) });
  }
}
// The default validator also loads the kubernetes-schema plugin, which needs downloads; build one
// with only the offline plugins (as createDefaultMonokleValidator does, minus that plugin).
const plugins = { 'pod-security-standards': true, practices: true, 'yaml-syntax': true };
const validator = new MonokleValidator(
  { loader: new RemotePluginLoader(requireFromStringCustomPluginLoader), parser: new ResourceParser(), schemaLoader: new SchemaLoader(), suppressors: [new AnnotationSuppressor(), new FingerprintSuppressor()], fixer: new DisabledFixer() },
  { plugins },
);
await validator.preload({ plugins });
const res = await validator.validate({ resources });
const results = res.runs.reduce((n, r) => n + (r.results?.length ?? 0), 0);
process.stdout.write(`${files.length} files, ${resources.length} resources, ${results} results\n`);
