// Host namespaces and host resources: hostPath / bind source is / or is or is under /boot /dev /etc /lib /proc /sys /usr /root /var/lib/docker /var/lib/kubelet /var/lib/containerd /var/log /run /var/run (after normalising //, .., trailing /)
import { defineRule } from '../rule';

export default defineRule({
  id: 'sensitive-host-mount',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0121', 'sensitive-host-mounts'],
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
