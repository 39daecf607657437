// Image provenance and supply chain: image tag is latest or missing, with no digest.
import { defineRule } from '../rule';
import { stageLabel } from '../dockerfile/model';
import { tagProblem as dockerfileTagProblem, tagProblemMessage as dockerfileTagMessage } from '../image';
import { eachContainer, where } from '../kubernetes/model';
import { tagProblem } from '../image';
import { at as composeAt, oncePerSpan } from '../compose/support';
import { tagProblemMessage } from '../image';

export default defineRule({
  id: 'latest-tag',
  title: 'Image uses latest or no tag',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['DL3007', 'DL3006', 'DS-0001', 'KSV-0013', 'latest-tag', 'CKV_K8S_14', 'CKV_DOCKER_7'],
  references: [
    { title: 'Kubernetes images: image names and tags', url: 'https://kubernetes.io/docs/concepts/containers/images/' },
    { title: 'Dockerfile best practices: pin base image versions', url: 'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions' },
    { title: 'CIS Docker Benchmark v1.6.0, 4.2: Ensure that containers use only trusted base images', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: "An image reference has the tag `latest` or no tag at all, and no `@sha256:` digest. Dockerfile: `FROM` images in any stage (not `scratch`, earlier stage names or references whose variables cannot be resolved); Compose: a service's `image` when it does not `build` (otherwise the Dockerfile's `FROM` is judged); Kubernetes: a container's `image`. A registry port is not a tag: `registry:5000/app` has no tag.",
    why: "Whatever the image contains will run against the host kernel with the container's full set of privileges, so it should be a deliberate choice. A floating tag changes under you: a rebuild or a node pulling the image later can get different code, a new major version or a compromised push, with nobody reviewing the change, and different nodes may run different versions of the same workload. It also makes a vulnerable or malicious image hard to trace back.",
    fix: 'Use an explicit version tag (`nginx:1.27.3`), ideally with its digest (`nginx:1.27.3@sha256:<digest>`), and update it deliberately, for example with Renovate or Dependabot. There is no quick fix: only you can pick the version.',
    examples: [
      { format: 'dockerfile', bad: 'FROM node', good: 'FROM node:22.11-bookworm-slim' },
      { format: 'compose', bad: 'services:\n  cache:\n    image: redis:latest', good: 'services:\n  cache:\n    image: redis:7.4.1' },
      { format: 'kubernetes', bad: 'containers:\n  - name: web\n    image: nginx', good: 'containers:\n  - name: web\n    image: nginx:1.27.3' },
    ],
  },
  dockerfile: (model, r) => {
    for (const s of model.stages) {
      if (s.scratch || s.baseStage !== undefined || !s.imageResolved) continue; // not images (decision 7)
      const p = dockerfileTagProblem(s.image);
      if (p) r.report({ span: s.imageSpan, message: dockerfileTagMessage(s.image, p), object: stageLabel(s) });
    }
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      const img = svc.image;
      // With `build`, `image` only names the built image: the Dockerfile's FROM is judged (decision 8).
      if (!img || svc.build || img.unresolved) continue;
      const problem = tagProblem(img.value);
      if (problem) r.report(composeAt(svc, img.span, `Service ${svc.name}: ${tagProblemMessage(img.value, problem)}`));
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      const img = c.image;
      if (!img || typeof img.value !== 'string') return;
      const p = tagProblem(img.value);
      if (!p) return;
      r.report({ span: img.span, message: `${where(o, c)}: image ${img.value} ${p === 'latest' ? 'uses the latest tag' : 'has no tag (so it means latest)'}; what runs can change on the next pull.`, object: o.label, container: c.name });
    });
  },
});
