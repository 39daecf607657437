// Image provenance and supply chain: ADD of a URL or Git source without --checksum.
import { defineRule } from '../rule';
import { isRemoteSource } from '../dockerfile/copy';
import { stageObject } from '../dockerfile/model';

export default defineRule({
  id: 'remote-add-without-checksum',
  title: 'Remote ADD without checksum',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile'],
  peers: [],
  references: [
    { title: 'Dockerfile reference: ADD --checksum', url: 'https://docs.docker.com/reference/dockerfile/#add---checksum' },
    { title: 'Dockerfile reference: ADD', url: 'https://docs.docker.com/reference/dockerfile/#add' },
    { title: 'CIS Docker Benchmark v1.6.0, 4.9: Ensure that COPY is used instead of ADD in Dockerfiles', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'An `ADD` instruction fetches an `http://`/`https://` URL or a Git repository and has no `--checksum` flag, in any stage.',
    why: "The downloaded content becomes part of the image and later runs with the container's privileges on the shared kernel, yet nothing checks that it is what the author reviewed. A compromised server, a moved tag or branch, or an interception on the way (plain `http://`) silently changes the image on the next build.",
    fix: 'Add the expected digest: `ADD --checksum=sha256:<hash> https://...` for downloads. For Git sources pin a commit in the URL fragment and, with a recent Dockerfile frontend, also give its commit hash as `--checksum`. Alternatively download in a `RUN` step and verify with `sha256sum -c`. There is no quick fix: the checksum must come from a trusted source.',
    examples: [
      { format: 'dockerfile', bad: 'FROM debian:bookworm-slim\nADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini', good: 'FROM debian:bookworm-slim\nADD --checksum=sha256:<sha256-published-for-this-release> \\\n    https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini' },
    ],
  },
  dockerfile: (model, r) => {
    for (const c of model.copies) {
      if (c.kind !== 'ADD' || c.flags.some((f) => f.name.toLowerCase() === 'checksum')) continue;
      for (const src of c.sources)
        if (isRemoteSource(src.value))
          r.report({ span: src.span, message: `\`ADD ${src.value}\` downloads without \`--checksum\`: whatever the server returns at build time goes into the image unverified.`, object: stageObject(model, c.stage) });
    }
  },
});
