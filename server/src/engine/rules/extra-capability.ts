// Privilege and capabilities: a capability that baseline allows but restricted forbids is added.
import { defineRule } from '../rule';
import { eachContainer, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import { BASELINE_CAPABILITIES, RESTRICTED_ADDABLE_CAPABILITIES } from '../capabilities';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan } from '../compose/support';
import { isBaselineCapability, isRestrictedAddable, normaliseCapability } from '../capabilities';

export default defineRule({
  id: 'extra-capability',
  title: 'Capability beyond NET_BIND_SERVICE added',
  severity: 'warning',
  profile: 'R',
  formats: ['compose', 'kubernetes'],
  peers: [],
  fix: { safe: false, description: 'remove that entry' },
  references: [
    { title: 'Pod Security Standards: Restricted (Capabilities)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'capabilities(7)', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
    { title: 'Compose file reference: cap_add', url: 'https://docs.docker.com/reference/compose-file/services/#cap_add' },
  ],
  docs: {
    what: 'A capability is added that the Pod Security baseline tolerates but the restricted profile does not: any of `AUDIT_WRITE`, `CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `FSETID`, `KILL`, `MKNOD`, `SETFCAP`, `SETGID`, `SETPCAP`, `SETUID`, `SYS_CHROOT` in Kubernetes `capabilities.add` or Compose `cap_add`. `NET_BIND_SERVICE` is the only capability restricted allows; capabilities outside the baseline set are `dangerous-capability`. Windows pods are exempt.',
    why: 'These capabilities look modest but each lifts a kernel permission check: `DAC_OVERRIDE` and `FOWNER` bypass file permissions on every mounted volume, `SETUID`/`SETGID` let the process switch to any uid or gid including 0, `SETFCAP` and `SETPCAP` let it grant capabilities to files or adjust its own sets, `MKNOD` creates device nodes, and `KILL` signals any process in its namespace regardless of owner. Together they are most of what root can do inside the container, and they make it easier to reach files and processes that other isolation layers were meant to keep out of reach.',
    fix: 'Remove the entry and give the process what it needs another way: correct file ownership at build time (`COPY --chown`, `fsGroup`) instead of `CHOWN`/`DAC_OVERRIDE`, a fixed numeric user instead of `SETUID`/`SETGID`. The quick fix deletes the entry; it is unsafe because the program may rely on the capability, for example an entrypoint that drops from root to another user.',
    examples: [
      { format: 'compose', bad: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [CHOWN, SETUID, SETGID, NET_BIND_SERVICE]', good: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]' },
      { format: 'kubernetes', bad: 'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["CHOWN", "NET_BIND_SERVICE"]', good: 'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      for (const item of svc.capAdd?.items ?? []) {
        if (item.unresolved || !isBaselineCapability(item.value) || isRestrictedAddable(item.value)) continue;
        const name = normaliseCapability(item.value);
        r.report(composeAt(svc, item.span, `Service ${svc.name} adds capability ${name}: allowed at baseline, but the restricted level allows only NET_BIND_SERVICE.`, cfx.removeItem(model, svc.capAdd, item, `Remove ${name} from \`cap_add\``)));
      }
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      if (o.windows) return; // Linux-only (decision 6)
      for (const it of c.capAddItems) {
        // Only canonical baseline names: anything else is `dangerous-capability` (one finding per entry).
        if (it.value === undefined || !BASELINE_CAPABILITIES.has(it.value) || RESTRICTED_ADDABLE_CAPABILITIES.has(it.value)) continue;
        r.report({ span: it.span, message: `${where(o, c)}: adds capability ${it.value}; Pod Security restricted allows only NET_BIND_SERVICE.`, object: o.label, container: c.name, fixes: kfix.removeCapability(model, o, c, it) });
      }
    });
  },
});
