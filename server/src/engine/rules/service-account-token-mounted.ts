// Secrets: the pod's service account token is mounted automatically.
import { defineRule } from '../rule';
import { where } from '../kubernetes/model';
import { kfix } from '../kubernetes/fixes';

export default defineRule({
  id: 'service-account-token-mounted',
  title: 'Service account token mounted',
  severity: 'info',
  profile: 'S',
  formats: ['kubernetes'],
  peers: ['KSV-0036', 'CKV_K8S_38'],
  fix: { safe: false, description: 'set false' },
  references: [
    { title: 'Configure Service Accounts for Pods: opt out of API credential automounting', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting' },
    { title: 'Kubernetes: RBAC good practices', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/' },
  ],
  docs: {
    what: "A pod spec does not set `automountServiceAccountToken: false`, so Kubernetes mounts an API token for the pod's service account into every container. Reported once per workload: at the field when it is set to `true`, otherwise at the object's `kind` line.",
    why: 'The token under `/var/run/secrets/kubernetes.io/serviceaccount/` lets any code in the container authenticate to the API server, the control plane of every node. Whatever the service account is allowed to do (list secrets, create pods, exec into them, often more than intended through broad role bindings) becomes available to an attacker who gets code execution, which can turn a single compromised container into control of workloads, privileged pods and ultimately nodes.',
    fix: 'Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount) for workloads that do not call the Kubernetes API. For those that do, keep the token, bind a dedicated service account with least-privilege RBAC, and suppress this finding with a reason. The quick fix sets it to false; it is unsafe because applications and sidecars that talk to the API will lose their credentials.',
    examples: [
      { format: 'kubernetes', bad: 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27', good: 'kind: Deployment\nspec:\n  template:\n    spec:\n      automountServiceAccountToken: false\n      containers:\n        - name: web\n          image: nginx:1.27' },
    ],
  },
  kubernetes: (model, r) => {
    for (const o of model.workloads) {
      const f = o.pod!.automountServiceAccountToken;
      if (f?.value === false) continue;
      if (f) {
        r.report({ span: f.span, message: `${where(o)}: automountServiceAccountToken is ${String(f.value)}, so every container gets an API token for the pod's service account.`, object: o.label, fixes: kfix.setValue(model, o, f, false, 'Set automountServiceAccountToken: false') });
        continue;
      }
      if (o.fragment || o.tokenDisabledBy) continue; // unset here: the ServiceAccount's false applies
      r.report({ span: o.kindSpan, message: `${where(o)}: automountServiceAccountToken is not false, so every container gets an API token for the pod's service account.`, object: o.label, fixes: kfix.podSpecKey(model, o, 'automountServiceAccountToken', false, 'Set automountServiceAccountToken: false') });
    }
  },
});
