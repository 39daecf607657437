// Filesystem and volumes: a volume type outside configMap csi downwardAPI emptyDir ephemeral image persistentVolumeClaim projected secret (hostPath excluded: see host-path-volume)
import { defineRule } from '../rule';
import { where } from '../kubernetes/model';

export default defineRule({
  id: 'restricted-volume-type',
  title: 'TITLE',
  severity: 'warning',
  profile: 'R',
  formats: ['kubernetes'],
  peers: ['KSV-0028'],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
  kubernetes: (model, r) => {
    const ALLOWED = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret', 'hostPath']);
    for (const o of model.workloads)
      for (const v of o.pod!.volumes) {
        if (!v.type || !v.typeEntry || ALLOWED.has(v.type)) continue;
        r.report({ span: v.typeEntry.keySpan, message: `${where(o)}: volume ${v.name ?? '(unnamed)'} has type ${v.type}, which Pod Security restricted does not allow (use a persistentVolumeClaim or csi volume instead).`, object: o.label });
      }
  },
});
