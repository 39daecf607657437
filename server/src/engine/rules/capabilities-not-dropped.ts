// Privilege and capabilities: the default capability set is not dropped (no drop ALL / cap_drop ALL).
import { defineRule } from '../rule';
import { eachContainer, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import * as cfx from '../compose/fixes';
import { at as composeAt, oncePerSpan } from '../compose/support';
import { isAllCapability } from '../capabilities';

export default defineRule({
  id: 'capabilities-not-dropped',
  title: 'Capabilities not dropped',
  severity: 'warning',
  profile: 'R',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0003', 'CKV_K8S_37', 'CKV_K8S_28', 'drop-net-raw-capability'],
  fix: { safe: false, description: 'add `drop: ["ALL"]` / `cap_drop: [ALL]`' },
  references: [
    { title: 'Pod Security Standards: Restricted (Capabilities)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'capabilities(7)', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
    { title: 'Compose file reference: cap_drop', url: 'https://docs.docker.com/reference/compose-file/services/#cap_drop' },
    { title: 'CIS Docker Benchmark v1.6.0, 5.4: Ensure that Linux kernel capabilities are restricted within containers', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: "The container keeps the runtime's default capabilities. Kubernetes: a container's `capabilities.drop` does not contain `ALL`; when `drop` exists without `ALL` the finding points at the `drop` key, otherwise at the container's `name`. Compose: the service's `cap_drop` does not contain `ALL` (at `cap_drop`, or at the service key when it is missing). Windows pods are exempt.",
    why: 'Docker and containerd give every container about fourteen capabilities by default, among them `NET_RAW` (raw and packet sockets: ARP/DNS spoofing on the node network and bugs like the `AF_PACKET` overflow CVE-2020-14386), `DAC_OVERRIDE`, `SETUID`, `SETGID`, `MKNOD` and `SETFCAP`. Even for a non-root process they stay in the bounding set, so a setuid binary or a file capability can bring them back. Dropping `ALL` empties the bounding set: nothing in the container can ever hold those privileges, which shrinks what a kernel bug reachable from the container can be combined with.',
    fix: 'Drop everything and add back only what is proven necessary. Kubernetes: `securityContext.capabilities.drop: ["ALL"]` (plus `add: ["NET_BIND_SERVICE"]` if the process binds a port below 1024). Compose: `cap_drop: [ALL]` (and `cap_add` for the exceptions). The quick fix inserts `drop: ["ALL"]` / `cap_drop: [ALL]`; it is unsafe because images whose entrypoint starts as root and changes ownership or user (`chown`, `gosu`, `su-exec`) need `CHOWN`, `SETUID` or `SETGID` back.',
    examples: [
      { format: 'compose', bad: 'services:\n  api:\n    image: example/api:1.4.2\n    user: "10001:10001"', good: 'services:\n  api:\n    image: example/api:1.4.2\n    user: "10001:10001"\n    cap_drop: [ALL]' },
      { format: 'kubernetes', bad: 'securityContext:\n  capabilities:\n    drop: ["NET_RAW"]', good: 'securityContext:\n  capabilities:\n    drop: ["ALL"]' },
    ],
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      const drop = svc.capDrop;
      if (!drop) {
        r.report(composeAt(svc, svc.keySpan, `Service ${svc.name} keeps Docker's default capabilities: add \`cap_drop: [ALL]\` and add back only what it needs.`, cfx.addToService(model, svc, 'cap_drop', ['ALL'], 'Add `cap_drop: [ALL]`')));
        continue;
      }
      if (drop.items.some((i) => isAllCapability(i.value))) continue;
      r.report(composeAt(svc, drop.keySpan, `Service ${svc.name} drops some capabilities but not \`ALL\`: the rest of Docker's default set stays.`, cfx.addItem(model, drop, 'ALL', 'Add `ALL` to `cap_drop`')));
    }
    r.flush();
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      if (o.windows) return; // Linux-only (decision 6)
      if (c.capDropItems.some((i) => i.value !== undefined && isAllCapability(i.value))) return;
      if (c.capDrop) {
        r.report({ span: c.capDrop.keySpan, message: `${where(o, c)}: capabilities.drop does not contain ALL, so it keeps the runtime's default capabilities.`, object: o.label, container: c.name, fixes: kfix.addDropAll(model, o, c) });
        return;
      }
      if (o.fragment) return;
      r.report({ span: c.nameSpan, message: `${where(o, c)}: does not drop capabilities (no capabilities.drop: [ALL]), so it keeps the runtime's default set (NET_RAW, CHOWN, SETUID...).`, object: o.label, container: c.name, fixes: kfix.addDropAll(model, o, c) });
    });
  },
});
