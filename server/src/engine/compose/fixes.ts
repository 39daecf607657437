// Fixes for Compose findings: minimal text edits. A fix is offered only when the value is written
// in the service's own text (never through an alias or a merge key) and no comment would be lost.
import type { Fix } from '../types';
import type { ComposeModel, ComposeService, ListItem, ListSetting, Mount, Setting, Sysctl } from './model';

/** Remove a `key: value` setting of a service. */
export function removeSetting(_m: ComposeModel, _s: Setting<unknown>, _title: string): Fix[] {
  return [];
}

/** Replace a setting's value with `newText` (YAML source text). */
export function replaceValue(_m: ComposeModel, _s: Setting<unknown>, _newText: string, _title: string): Fix[] {
  return [];
}

/** Remove one entry of a list setting. */
export function removeItem(_m: ComposeModel, _list: ListSetting | undefined, _item: ListItem, _title: string): Fix[] {
  return [];
}

/** Remove one volume entry of a service. */
export function removeMount(_m: ComposeModel, _svc: ComposeService, _mount: Mount, _title: string): Fix[] {
  return [];
}

/** Add `key: value` to a service (value in YAML flow text, for example `[ALL]`). */
export function addToService(_m: ComposeModel, _svc: ComposeService, _key: string, _value: string, _title: string): Fix[] {
  return [];
}

/** Append an entry to a list setting. */
export function addItem(_m: ComposeModel, _list: ListSetting, _itemText: string, _title: string): Fix[] {
  return [];
}

/** Replace one list entry with new text. */
export function replaceItem(_m: ComposeModel, _list: ListSetting | undefined, _item: ListItem, _text: string, _title: string): Fix[] {
  return [];
}

/** Remove one sysctl (map entry or list item). */
export function removeSysctl(_m: ComposeModel, _svc: ComposeService, _s: Sysctl, _title: string): Fix[] {
  return [];
}

/** Remove `bind.propagation` from a long-syntax mount. */
export function removePropagation(_m: ComposeModel, _mount: Mount, _title: string): Fix[] {
  return [];
}
