// Image provenance and supply chain: image has no @sha256: digest
import { defineRule } from '../rule';
import { stageLabel } from '../dockerfile/model';
import { lacksDigest as dockerfileLacksDigest } from '../image';
import { eachContainer, where } from '../kubernetes/model';
import { lacksDigest } from '../image';
import { at as composeAt, oncePerSpan } from '../compose/support';

export default defineRule({
  id: 'unpinned-digest',
  title: 'TITLE',
  severity: 'info',
  profile: 'S',
  formats: ['dockerfile', 'compose', 'kubernetes'],
  peers: [],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
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
