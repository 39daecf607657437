// Image provenance and supply chain: ADD of a local path that is not an archive.
import { defineRule } from '../rule';
import { addToCopyFix, isArchiveSource, isRemoteSource } from '../dockerfile/copy';
import { stageObject } from '../dockerfile/model';

export default defineRule({
  id: 'add-instead-of-copy',
  title: 'ADD used where COPY suffices',
  severity: 'info',
  profile: 'R',
  formats: ['dockerfile'],
  peers: ['DL3020', 'DS-0005', 'CKV_DOCKER_4'],
  fix: { safe: true, description: '`COPY`' },
  references: [
    { title: 'Dockerfile best practices: ADD or COPY', url: 'https://docs.docker.com/build/building/best-practices/#add-or-copy' },
    { title: 'Dockerfile reference: COPY', url: 'https://docs.docker.com/reference/dockerfile/#copy' },
    { title: 'CIS Docker Benchmark v1.6.0, 4.9: Ensure that COPY is used instead of ADD in Dockerfiles', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'An `ADD` instruction copies a local path (from the build context or another stage) that is not a tar archive. Sources ending in `.tar`, `.tar.gz`, `.tgz`, `.tar.bz2`, `.tbz2`, `.tar.xz`, `.txz`, `.gz`, `.bz2` or `.xz` are treated as archives and not reported; a `.zip` is reported, because Docker does not extract it. Remote sources are covered by `remote-add-without-checksum`.',
    why: '`ADD` has hidden behaviours: it unpacks local tar archives and fetches URLs. Used for plain files it makes the Dockerfile harder to audit, and if a source later turns into an archive (or a file is replaced by one in the build context) its contents are unpacked into the image, possibly over existing paths. What ends up in the filesystem the container runs from should be explicit.',
    fix: 'Use `COPY` with the same arguments (`--chown`, `--chmod`, `--link` and `--from` work the same). The quick fix replaces `ADD` with `COPY` and is safe: for a local non-archive source the two instructions produce the same layer.',
    examples: [
      { format: 'dockerfile', bad: 'FROM nginx:1.27\nADD nginx.conf /etc/nginx/nginx.conf', good: 'FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf' },
    ],
  },
  dockerfile: (model, r) => {
    for (const c of model.copies) {
      if (c.kind !== 'ADD' || c.sources.length === 0) continue;
      // Remote sources (remote-add-without-checksum), archives (ADD extracts them) and unknown values are not this rule.
      if (c.sources.some((s) => isRemoteSource(s.value) || isArchiveSource(s.value) || s.value.includes('$'))) continue;
      const fix = addToCopyFix(model, c);
      r.report({ span: c.instruction.keywordSpan, message: '`ADD` of a local path: `COPY` does the same without the URL and auto-extraction behaviour of `ADD`.', object: stageObject(model, c.stage), fixes: fix ? [fix] : [] });
    }
  },
});
