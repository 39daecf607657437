// Identity: the final USER is a name, so runAsNonRoot cannot verify it.
import { defineRule } from '../rule';
import { shippedUser, stageLabel } from '../dockerfile/model';

export default defineRule({
  id: 'non-numeric-user',
  title: 'USER is a name, not a numeric uid',
  severity: 'info',
  profile: 'S',
  formats: ['dockerfile'],
  peers: [],
  references: [
    { title: 'Dockerfile reference: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
    { title: 'Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
    { title: 'Pod Security Standards: Restricted (Running as Non-root)', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
  ],
  docs: {
    what: "The shipped stage's `USER` names a user (`USER app`, `USER app:app`) rather than a numeric uid. `root` is reported by `root-user` instead, and a numeric user with a named group (`USER 10001:appgroup`) is fine.",
    why: "The kernel only knows numbers: the name is resolved through the image's own `/etc/passwd` when the container starts, so nothing outside the image can tell which uid it maps to, and a modified `passwd` file can map it to 0. For that reason the kubelet cannot check `runAsNonRoot: true` against a named user and refuses to start the container unless a numeric `runAsUser` is also given, which pushes people to drop the check altogether.",
    fix: 'Use the numeric uid (and optionally gid) in the `USER` instruction, for example create the user with a fixed id and write `USER 10001:10001`. There is no quick fix: only the image knows which uid the name stands for.',
    examples: [
      { format: 'dockerfile', bad: 'FROM debian:bookworm-slim\nRUN useradd --system app\nUSER app', good: 'FROM debian:bookworm-slim\nRUN useradd --system --uid 10001 app\nUSER 10001' },
    ],
  },
  dockerfile: (model, r) => {
    const u = shippedUser(model);
    // Windows containers have no uids: `USER ContainerUser` is how they name a non-admin user.
    if (!u || u.status !== 'non-root' || !u.user || u.user.numeric || u.stage.windows) return;
    r.report({ span: u.user.span, message: `\`USER ${u.user.raw}\` names a user: only the image's /etc/passwd knows its uid, so Kubernetes cannot verify runAsNonRoot. Use a numeric uid.`, object: stageLabel(u.stage) });
  },
});
