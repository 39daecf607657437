// Image provenance and supply chain: image tag is latest or missing, with no digest (scratch, stage names and unresolvable variables excluded; host:5000/img has no tag)
import { defineRule } from '../rule';
import { stageLabel } from '../dockerfile/model';
import { tagProblem as dockerfileTagProblem, tagProblemMessage as dockerfileTagMessage } from '../image';
import { eachContainer, where } from '../kubernetes/model';
import { tagProblem } from '../image';
import { at as composeAt, oncePerSpan } from '../compose/support';
import { tagProblemMessage } from '../image';

export default defineRule({
  id: 'latest-tag',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: ['DL3007', 'DL3006', 'DS-0001', 'KSV-0013', 'latest-tag', 'CKV_K8S_14', 'CKV_DOCKER_7'],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
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
