// Resources and exposure: K: no resources.limits.memory; C: no memory limit (mem_limit or deploy.resources.limits.memory) or no pids_limit
import { defineRule } from '../rule';
import { eachContainer, where } from '../kubernetes/model';
import { at as composeAt, oncePerSpan } from '../compose/support';

export default defineRule({
  id: 'missing-resource-limits',
  title: 'TITLE',
  severity: 'info',
  profile: 'S',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0018', 'CKV_K8S_13', 'unset-memory-requirements'],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    const limited = (v: string | undefined): boolean => v !== undefined && !v.includes('\u0000') && !/^\s*(-\d+|0+)\s*$/.test(v) && v.trim() !== '';
    for (const svc of model.services) {
      const mem = svc.memLimit ? limited(svc.memLimit.value) || svc.memLimit.unresolved : false;
      const pids = svc.pidsLimit ? limited(svc.pidsLimit.value) || svc.pidsLimit.unresolved : false;
      if (mem && pids) continue;
      const missing = [!mem ? 'a memory limit (`mem_limit` or `deploy.resources.limits.memory`)' : '', !pids ? 'a PIDs limit (`pids_limit`)' : ''].filter(Boolean).join(' and ');
      r.report(composeAt(svc, svc.keySpan, `Service ${svc.name} has no ${missing}: one runaway or hostile container can exhaust the host.`));
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      if (c.type === 'ephemeralContainer' || o.fragment || c.limitsMemory) return; // the API forbids resources on ephemeral containers (decision 6)
      r.report({ span: c.nameSpan, message: `${where(o, c)}: no resources.limits.memory, so it can exhaust the node's memory.`, object: o.label, container: c.name });
    });
  },
});
