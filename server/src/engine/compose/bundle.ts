// "Harden this service": one unsafe fix that applies the usual hardening of a Compose service at
// once: `cap_drop: [ALL]`, `security_opt: [no-new-privileges:true]`, `read_only: true` and, when
// no user is set, `user: "10001:10001"`. Each part is a minimal edit; parts that are already in
// place are skipped. When any needed part cannot be written safely (through an alias, or it
// would lose a comment) no bundle is offered: a half-hardened service under that title would mislead.
import { isAllCapability } from '../capabilities';
import { applyEdits } from '../fix';
import type { Fix, TextEdit } from '../types';
import * as edit from '../yaml/edit';
import { parseYamlStream } from '../yaml/parse';
import type { ComposeModel, ComposeService } from './model';
import { hasNonRootUser, noNewPrivileges } from './support';

export function hardenServiceFix(model: ComposeModel, svc: ComposeService): Fix | undefined {
  if (!svc.local || !svc.node) return undefined;
  const text = model.text;
  const doc = svc.doc;
  const parts: string[] = [];
  const edits: TextEdit[] = [];
  const add = (what: string, e: TextEdit[] | undefined): boolean => {
    if (!e) return false;
    parts.push(what);
    edits.push(...e);
    return true;
  };

  const drop = svc.capDrop;
  if (!drop) {
    if (!add('cap_drop: [ALL]', edit.setKey(text, doc, svc.node, 'cap_drop', ['ALL']))) return undefined;
  } else if (!drop.items.some((i) => isAllCapability(i.value))) {
    if (!drop.local || !drop.node || !add('ALL in cap_drop', edit.addItem(text, drop.doc, drop.node, 'ALL'))) return undefined;
  }

  const nnp = noNewPrivileges(svc);
  const opts = svc.securityOptList;
  if (nnp.off) {
    if (!opts?.local || !nnp.off.item.local || !add('no-new-privileges:true', edit.replaceScalar(text, doc, nnp.off.item.node, 'no-new-privileges:true'))) return undefined;
  } else if (!nnp.on) {
    if (!opts) {
      if (!add('security_opt: [no-new-privileges:true]', edit.setKey(text, doc, svc.node, 'security_opt', ['no-new-privileges:true']))) return undefined;
    } else if (!opts.local || !opts.node || !add('no-new-privileges:true', edit.addItem(text, opts.doc, opts.node, 'no-new-privileges:true'))) return undefined;
  }

  const ro = svc.readOnly;
  if (!ro) {
    if (!add('read_only: true', edit.setKey(text, doc, svc.node, 'read_only', true))) return undefined;
  } else if (!ro.value) {
    if (!ro.local || !ro.entry.value || !add('read_only: true', edit.replaceScalar(text, doc, ro.entry.value, true))) return undefined;
  }

  if (!svc.user && !hasNonRootUser(svc) && !(svc.buildLink && !svc.buildLink.runsAsRoot)) {
    if (!add('user: "10001:10001"', edit.setKey(text, doc, svc.node, 'user', '10001:10001'))) return undefined;
  }

  if (!edits.length) return undefined;
  const merged = mergeInsertions(text, edits);
  if (!merged) return undefined;
  // The parts were computed against the same text: make sure together they still make a valid file.
  try {
    const out = applyEdits(text, merged);
    if (parseYamlStream(out).parseErrors.length > parseYamlStream(text).parseErrors.length) return undefined;
  } catch {
    return undefined;
  }
  return { title: `Harden service ${svc.name} (${parts.join(', ')})`, safe: false, edits: merged };
}

/**
 * Several parts may append at the same place (the end of the service map), each written as the
 * same small replacement that keeps the replaced text as a prefix. Join those into one edit,
 * deeper-indented additions first: an item for a list that ends there (`- no-new-privileges:true`
 * under `security_opt:`) must come before keys of the service map that close that list. Any other
 * overlap declines the bundle.
 */
function mergeInsertions(text: string, edits: TextEdit[]): TextEdit[] | undefined {
  const groups: TextEdit[][] = [];
  for (const e of edits) {
    const same = groups.find((g) => g[0].start === e.start && g[0].end === e.end);
    if (same) same.push(e);
    else groups.push([e]);
  }
  const depth = (tail: string): number => /^\r?\n( *)/.exec(tail)?.[1].length ?? 0;
  const out: TextEdit[] = [];
  for (const g of groups) {
    if (g.length === 1) {
      out.push({ ...g[0] });
      continue;
    }
    const old = text.slice(g[0].start, g[0].end);
    if (g.some((e) => !e.newText.startsWith(old))) return undefined;
    const tails = g.map((e) => e.newText.slice(old.length)).sort((x, y) => depth(y) - depth(x));
    out.push({ start: g[0].start, end: g[0].end, newText: old + tails.join('') });
  }
  return out;
}
