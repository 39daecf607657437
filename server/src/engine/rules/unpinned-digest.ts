// Image provenance and supply chain: image reference has no @sha256 digest.
import { defineRule } from '../rule';
import { stageLabel } from '../dockerfile/model';
import { lacksDigest as dockerfileLacksDigest } from '../image';
import { eachContainer, where } from '../kubernetes/model';
import { lacksDigest } from '../image';
import { at as composeAt, oncePerSpan } from '../compose/support';

export default defineRule({
  id: 'unpinned-digest',
  title: 'Image not pinned by digest',
  severity: 'info',
  profile: 'S',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: [],
  references: [
    { title: 'Dockerfile best practices: pin base image versions', url: 'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions' },
    { title: 'Kubernetes images: image names and digests', url: 'https://kubernetes.io/docs/concepts/containers/images/#image-names' },
    { title: 'CIS Docker Benchmark v1.6.0, 4.2: Ensure that containers use only trusted base images', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: 'An image reference has no `@sha256:` digest, even if it has a version tag. Same places as `latest-tag`: Dockerfile `FROM` (except `scratch`, stage names and unresolvable variables), Compose `image` of a service that does not build, Kubernetes container `image`.',
    why: 'Tags are mutable pointers: the registry, anyone with push rights, or an attacker who gets them can move `1.27.3` to a different image, and every later pull silently runs the new content on the host kernel. A digest names the exact bytes, so the image that was reviewed and scanned is the image that runs, and a tampered registry can only make the pull fail.',
    fix: 'Append the digest of the image you reviewed, keeping the tag for readability: `image: nginx:1.27.3@sha256:<digest>` (`docker buildx imagetools inspect nginx:1.27.3` shows it), and let an update bot bump both together. There is no quick fix: the digest must come from the registry.',
    examples: [
      { format: 'dockerfile', bad: 'FROM python:3.13-slim', good: 'FROM python:3.13-slim@sha256:50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c' },
      { format: 'compose', bad: 'services:\n  cache:\n    image: redis:7.4.1', good: 'services:\n  cache:\n    image: redis:7.4.1@sha256:50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c' },
      { format: 'kubernetes', bad: 'containers:\n  - name: web\n    image: nginx:1.27.3', good: 'containers:\n  - name: web\n    image: nginx:1.27.3@sha256:50d858e0985ecc7f60418aaf0cc5ab587f42c2570a884095a9e8ccacd0f6545c' },
    ],
  },
  dockerfile: (model, r) => {
    for (const s of model.stages) {
      if (s.scratch || s.baseStage !== undefined || !s.imageResolved) continue;
      if (dockerfileLacksDigest(s.image)) r.report({ span: s.imageSpan, message: `Base image \`${s.image}\` is not pinned by digest (\`@sha256:...\`): the tag can be moved to different content.`, object: stageLabel(s) });
    }
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      const img = svc.image;
      if (!img || svc.build || img.unresolved || !lacksDigest(img.value)) continue;
      r.report(composeAt(svc, img.span, `Service ${svc.name}: image \`${img.value}\` is not pinned by an \`@sha256:\` digest, so the bytes behind the tag can change.`));
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      const img = c.image;
      if (!img || typeof img.value !== 'string' || !lacksDigest(img.value)) return;
      r.report({ span: img.span, message: `${where(o, c)}: image ${img.value} is not pinned by an @sha256: digest.`, object: o.label, container: c.name });
    });
  },
});
