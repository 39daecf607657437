// Filesystem and volumes: K readOnlyRootFilesystem not true; C read_only not true
import { defineRule } from '../rule';
import { eachContainer, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan } from '../compose/support';

export default defineRule({
  id: 'writable-root-filesystem',
  title: 'TITLE',
  severity: 'info',
  profile: 'R',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0014', 'no-read-only-root-fs', 'CKV_K8S_22'],
  fix: { safe: false, description: 'set true' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      const ro = svc.readOnly;
      if (ro?.value) continue;
      if (ro) r.report(composeAt(svc, ro.span, `Service ${svc.name} sets \`read_only: false\`: its root filesystem is writable, so an intruder can change binaries and drop tools.`, cfx.replaceValue(model, ro, 'true', 'Set `read_only: true`')));
      else r.report(composeAt(svc, svc.keySpan, `Service ${svc.name} has a writable root filesystem (no \`read_only: true\`).`, cfx.addToService(model, svc, 'read_only', 'true', 'Add `read_only: true`')));
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      if (o.windows) return; // decision 6
      const f = c.readOnlyRootFilesystem;
      if (f?.value === true) return;
      if (f) {
        r.report({ span: f.span, message: `${where(o, c)}: readOnlyRootFilesystem is ${String(f.value)}, so an attacker can write tools and persist changes in the container's file system.`, object: o.label, container: c.name, fixes: kfix.setValue(model, o, f, true, 'Set readOnlyRootFilesystem: true') });
        return;
      }
      if (o.fragment) return;
      r.report({ span: c.nameSpan, message: `${where(o, c)}: the root file system is writable (readOnlyRootFilesystem is not true).`, object: o.label, container: c.name, fixes: kfix.containerSecurityContext(model, o, c, 'readOnlyRootFilesystem', true, 'Set readOnlyRootFilesystem: true') });
    });
  },
});
