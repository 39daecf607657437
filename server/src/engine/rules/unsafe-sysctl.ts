// Kernel attack surface: a sysctl outside the Pod Security safe list (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_local_reserved_ports, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_
import { defineRule } from '../rule';

export default defineRule({
  id: 'unsafe-sysctl',
  title: 'TITLE',
  severity: 'error',
  profile: 'B',
  formats: ['compose', 'kubernetes'],
  peers: ['KSV-0026', 'unsafe-sysctls'],
  fix: { safe: false, description: 'remove' },
  references: [],
  docs: {
    what: '',
    why: '',
    fix: '',
    examples: [],
  },
});
