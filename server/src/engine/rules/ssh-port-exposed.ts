// Resources and exposure: EXPOSE 22, containerPort: 22
import { defineRule } from '../rule';
import { exposesPort } from '../dockerfile/copy';
import { shippedStages, stageObject } from '../dockerfile/model';
import { eachContainer, where } from '../kubernetes/model';

export default defineRule({
  id: 'ssh-port-exposed',
  title: 'TITLE',
  severity: 'info',
  profile: 'R',
  formats: ['dockerfile', 'kubernetes'],
  peers: ['DS-0004', 'ssh-port', 'CKV_DOCKER_1'],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
  dockerfile: (model, r) => {
    const shipped = shippedStages(model);
    for (const p of model.exposes)
      if (shipped.has(p.stage) && exposesPort(p.value, 22))
        r.report({ span: p.span, message: `\`EXPOSE ${p.raw}\` advertises SSH (port 22): an SSH server in a container is an extra way in that bypasses \`docker exec\`/\`kubectl exec\` access control.`, object: stageObject(model, p.stage) });
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      for (const p of c.ports) {
        const f = p.containerPort;
        if (!f || !(f.value === 22 || f.value === '22')) continue;
        r.report({ span: f.span, message: `${where(o, c)}: exposes port 22 (SSH); run shells with kubectl exec or debug containers instead.`, object: o.label, container: c.name });
      }
    });
  },
});
