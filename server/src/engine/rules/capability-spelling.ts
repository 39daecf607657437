// Privilege and capabilities: capability names spelt with a CAP_ prefix or in lower case.
import { defineRule } from '../rule';
import { eachContainer, where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';
import { BASELINE_CAPABILITIES, capabilitySpellingProblem, normaliseCapability } from '../capabilities';

export default defineRule({
  id: 'capability-spelling',
  title: 'Capability name spelt wrong',
  severity: 'warning',
  profile: 'R',
  formats: ['kubernetes'],
  peers: [],
  fix: { safe: true, description: 'rewrite the spelling' },
  references: [
    { title: 'Pod Security Standards: Restricted (Capabilities)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { title: 'Configure a Security Context: Set capabilities for a Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container' },
    { title: 'capabilities(7)', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
  ],
  docs: {
    what: 'An entry of a Kubernetes `capabilities.add` or `capabilities.drop` list is not written the way Kubernetes expects: it carries the `CAP_` prefix (`CAP_NET_ADMIN`) or is not upper case (`all`, `net_bind_service`). Each such entry is one finding, except a misspelt baseline capability in `add`, which `dangerous-capability` reports (Pod Security baseline rejects it as written) with the same respelling fix.',
    why: 'Kubernetes passes capability names to the runtime without the `CAP_` prefix, and the runtime adds it: `CAP_SYS_ADMIN` becomes the unknown `CAP_CAP_SYS_ADMIN` and containerd refuses to create the container. Lower-case names are a quieter trap: Pod Security Admission only accepts `drop: ["ALL"]` in upper case, so `drop: ["all"]` fails the restricted profile, and policy tools that compare names literally can miss a capability that is being added. A hardening setting that is spelt wrong does not reliably shrink the capability set the kernel sees.',
    fix: 'Write the bare upper-case name: `ALL`, `NET_BIND_SERVICE`, `SYS_TIME`. The quick fix rewrites the spelling and is safe: it expresses what the author meant in the form Kubernetes documents. Note that a `CAP_`-prefixed `add` entry which used to break container creation will then be granted, so check it against `dangerous-capability`.',
    examples: [
      { format: 'kubernetes', bad: 'securityContext:\n  capabilities:\n    drop: ["all"]\n    add: ["CAP_NET_BIND_SERVICE"]', good: 'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]' },
    ],
  },
  kubernetes: (model, r) => {
    eachContainer(model, (o, c) => {
      const check = (list: 'add' | 'drop') => (it: (typeof c.capAddItems)[number]) => {
        if (it.value === undefined) return;
        const problem = capabilitySpellingProblem(it.value);
        if (!problem) return;
        const canon = normaliseCapability(it.value);
        // A misspelled baseline capability in `add` is already `dangerous-capability` (with this same fix).
        if (list === 'add' && BASELINE_CAPABILITIES.has(canon)) return;
        const why = problem === 'cap-prefix' ? 'the CAP_ prefix makes container creation fail on containerd' : 'Pod Security Admission compares exact upper-case names';
        r.report({ span: it.span, message: `${where(o, c)}: capability ${JSON.stringify(it.value)} in ${list} should be written ${canon} (${why}).`, object: o.label, container: c.name, fixes: kfix.respell(model, o, it, canon) });
      };
      c.capAddItems.forEach(check('add'));
      c.capDropItems.forEach(check('drop'));
    });
  },
});
