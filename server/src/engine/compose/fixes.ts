// Fixes for Compose findings: minimal text edits through yaml/edit.ts. A fix is offered only when
// the value is written in the service's own text (never through an alias or a merge key) and the
// edit keeps every comment; otherwise the rule reports the finding without a fix.
import type { Fix, TextEdit } from '../types';
import * as edit from '../yaml/edit';
import { isScalar } from '../yaml/parse';
import type { ComposeModel, ComposeService, ListItem, ListSetting, Mount, Setting, Sysctl } from './model';
import { splitShortVolume } from './model';

function fix(title: string, edits: TextEdit[] | undefined): Fix[] {
  return edits && edits.length ? [{ title, safe: false, edits }] : [];
}

/** Remove a `key: value` setting of a service. */
export function removeSetting(m: ComposeModel, s: Setting<unknown>, title: string): Fix[] {
  if (!s.local) return [];
  return fix(title, edit.removeKey(m.text, s.doc, s.map, s.entry.key));
}

/** Replace a setting's value (keeping its quote style where the new value allows it). */
export function replaceValue(m: ComposeModel, s: Setting<unknown>, value: string | boolean, title: string): Fix[] {
  if (!s.local || !s.entry.value) return [];
  return fix(title, edit.replaceScalar(m.text, s.doc, s.entry.value, value));
}

/** Remove one entry of a list setting (and the key when the list becomes empty). */
export function removeItem(m: ComposeModel, list: ListSetting | undefined, item: ListItem, title: string): Fix[] {
  if (!list?.node || !list.local || !item.local) return [];
  return fix(title, edit.removeItem(m.text, list.doc, list.node, item.node, { removeKeyIfEmpty: true }));
}

/** Replace one list entry with new text. */
export function replaceItem(m: ComposeModel, list: ListSetting | undefined, item: ListItem, value: string, title: string): Fix[] {
  if (!list?.node || !list.local || !item.local) return [];
  return fix(title, edit.replaceScalar(m.text, list.doc, item.node, value));
}

/** Remove one volume entry of a service (not a named volume's `device`: other services may use it). */
export function removeMount(m: ComposeModel, _svc: ComposeService, mount: Mount, title: string): Fix[] {
  if (!mount.local || mount.viaVolume) return [];
  return fix(title, edit.removeItem(m.text, mount.doc, mount.seq, mount.node, { removeKeyIfEmpty: true }));
}

/** Add `key: value` to a service (a key inherited through `<<` is overridden by an own key). */
export function addToService(m: ComposeModel, svc: ComposeService, key: string, value: edit.YamlValue, title: string): Fix[] {
  if (!svc.local || !svc.node) return [];
  return fix(title, edit.setKey(m.text, svc.doc, svc.node, key, value));
}

/** Append an entry to a list setting. */
export function addItem(m: ComposeModel, list: ListSetting, value: string, title: string): Fix[] {
  if (!list.node || !list.local) return [];
  return fix(title, edit.addItem(m.text, list.doc, list.node, value));
}

/** Remove one sysctl (map entry or list item). */
export function removeSysctl(m: ComposeModel, _svc: ComposeService, s: Sysctl, title: string): Fix[] {
  if (!s.local) return [];
  if (s.item) return fix(title, edit.removeItem(m.text, s.doc, s.container, s.item, { removeKeyIfEmpty: true }));
  return fix(title, edit.removeKey(m.text, s.doc, s.container, s.name));
}

/** Remove shared propagation: the `propagation` key of a long-syntax bind, or the option of a short one. */
export function removePropagation(m: ComposeModel, mount: Mount, title: string): Fix[] {
  if (!mount.local) return [];
  if (mount.bindNode) return fix(title, edit.removeKey(m.text, mount.doc, mount.bindNode, 'propagation'));
  if (!isScalar(mount.node) || typeof mount.node.value !== 'string' || mount.node.value.includes('$')) return [];
  const { source, target, options } = splitShortVolume(mount.node.value);
  if (source === undefined || target === undefined) return [];
  const kept = options.filter((o) => o !== 'shared' && o !== 'rshared');
  return fix(title, edit.replaceScalar(m.text, mount.doc, mount.node, [source, target, ...(kept.length ? [kept.join(',')] : [])].join(':')));
}
