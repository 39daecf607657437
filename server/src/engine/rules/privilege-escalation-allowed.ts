// Privilege and capabilities: no_new_privs is not set, so setuid binaries and file capabilities can raise privileges.
import { defineRule } from '../rule';
import * as cfx from '../compose/fixes';
import { at as composeAt, noNewPrivileges, oncePerSpan } from '../compose/support';
import { eachContainer, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';

export default defineRule({
  id: 'privilege-escalation-allowed',
  title: 'Privilege escalation allowed',
  severity: 'warning',
  profile: 'R',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0001', 'privilege-escalation-container', 'CKV_K8S_20'],
  fix: { safe: false, description: 'add `allowPrivilegeEscalation: false` / `no-new-privileges:true`' },
  references: [
    { title: 'Pod Security Standards: Restricted (Privilege Escalation)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'Linux kernel: No New Privileges flag', url: 'https://docs.kernel.org/userspace-api/no_new_privs.html' },
    { title: 'docker run reference: --security-opt', url: 'https://docs.docker.com/reference/cli/docker/container/run/#security-opt' },
    { title: 'CIS Docker Benchmark v1.6.0, 5.26: Ensure that the container is restricted from acquiring additional privileges', url: 'https://www.cisecurity.org/benchmark/docker' },
  ],
  docs: {
    what: "The container's processes may gain privileges through `execve`. Kubernetes: the effective `allowPrivilegeEscalation` of a container is not `false` (it is unset, which defaults to allowed, or `true`, which is reported as an error). Compose: the service's `security_opt` has no `no-new-privileges` entry in any spelling (`no-new-privileges`, `no-new-privileges:true`, `no-new-privileges=true`), or sets it to `false`. `privileged: true` does not by itself trigger this rule. Windows pods are exempt.",
    why: "Without the kernel's `no_new_privs` flag, executing a setuid-root binary (`su`, `mount`, `passwd`, `pkexec`) or a file with file capabilities gives the new process more privilege than its parent had. A non-root process that gets code execution can then become root inside the container through any such binary or a bug in one (for example PwnKit, CVE-2021-4034), regaining the capabilities in the bounding set. `no_new_privs` also stops SELinux domain transitions to more privileged labels, and the runtime can only apply it when Kubernetes is told `allowPrivilegeEscalation: false`.",
    fix: 'Kubernetes: set `allowPrivilegeEscalation: false` in every container\'s `securityContext` (it is a container-only field). Compose: add `security_opt: ["no-new-privileges:true"]`. The quick fix inserts this setting; it is unsafe because programs that rely on setuid helpers (`sudo`, `ping` without file capabilities, some package managers at runtime) will fail.',
    examples: [
      { format: 'compose', bad: 'services:\n  web:\n    image: nginx:1.27', good: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true' },
      { format: 'kubernetes', bad: 'containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      allowPrivilegeEscalation: true', good: 'containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      allowPrivilegeEscalation: false' },
    ],
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      if (o.windows) return; // Linux-only (decision 6)
      const f = c.allowPrivilegeEscalation;
      if (f?.value === false) return;
      if (f) {
        const explicit = f.value === true;
        r.report({ span: f.span, message: `${where(o, c)}: allowPrivilegeEscalation is ${explicit ? 'true' : 'not false'}, so setuid binaries and file capabilities can raise its privileges.`, object: o.label, container: c.name, severity: explicit ? 'error' : undefined, fixes: kfix.setValue(model, o, f, false, 'Set allowPrivilegeEscalation: false') });
        return;
      }
      if (o.fragment) return;
      r.report({ span: c.nameSpan, message: `${where(o, c)}: allowPrivilegeEscalation is not set to false, so setuid binaries can raise its privileges (no_new_privs is off).`, object: o.label, container: c.name, fixes: kfix.containerSecurityContext(model, o, c, 'allowPrivilegeEscalation', false, 'Set allowPrivilegeEscalation: false') });
    });
  },
  compose: (model, out) => {
    const r = oncePerSpan(out);
    for (const svc of model.services) {
      const nnp = noNewPrivileges(svc);
      if (nnp.on) continue;
      if (nnp.off) {
        r.report({ ...composeAt(svc, nnp.off.item.span, `Service ${svc.name} turns \`no-new-privileges\` off: setuid binaries and file capabilities can raise privileges inside the container.`, cfx.replaceItem(model, svc.securityOptList, nnp.off.item, 'no-new-privileges:true', 'Set `no-new-privileges:true`')), severity: 'error' });
        continue;
      }
      const fixes = svc.securityOptList ? cfx.addItem(model, svc.securityOptList, 'no-new-privileges:true', 'Add `no-new-privileges:true`') : cfx.addToService(model, svc, 'security_opt', ['no-new-privileges:true'], 'Add `security_opt: [no-new-privileges:true]`');
      r.report(composeAt(svc, svc.keySpan, `Service ${svc.name} does not set \`no-new-privileges\`: setuid binaries and file capabilities can raise privileges inside the container.`, fixes));
    }
    r.flush();
  },
});
