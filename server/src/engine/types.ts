// Core types of the Harden engine. The engine works on text and offsets; adapters (LSP, CLI)
// turn offsets into positions at the edges.

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';
export type Format = 'dockerfile' | 'compose' | 'kubernetes';
export type Profile = 'baseline' | 'restricted' | 'strict';
/** Catalog letters: B = on in every profile, R = restricted and strict, S = strict only. */
export type ProfileLevel = 'B' | 'R' | 'S';
export type FileKind = Format | 'helm' | 'unknown';

/** A half-open range of UTF-16 offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** Safe fixes do not change how the container runs; only they are applied by fix-all and --fix. */
  safe: boolean;
  edits: TextEdit[];
}

/** Information pointing into another file (cross-file findings). */
export interface RelatedInfo {
  /** The other file as the host named it (a path or URI the host understands). */
  file: string;
  span: Span;
  /** 0-based line and character of span.start in that file. */
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  message: string;
}

export interface Suppression {
  /** `comment` (harden-ignore next line), `file` (harden-ignore-file), `annotation`, `foreign` (another tool's comment), `config`. */
  kind: 'comment' | 'file' | 'annotation' | 'foreign';
  justification?: string;
  /** The span of the directive that suppressed the finding. */
  span?: Span;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  span: Span;
  /** Kubernetes `Kind/name`, Dockerfile stage name or index. */
  object?: string;
  /** Kubernetes container name, Compose service name. */
  container?: string;
  fixes: Fix[];
  related?: RelatedInfo[];
  suppressed?: Suppression;
}

/** A rule's check reports through this; the engine fills in severity and suppression. */
export interface RawFinding {
  span: Span;
  message: string;
  object?: string;
  container?: string;
  fixes?: Fix[];
  related?: RelatedInfo[];
  /** Severity override decided by the rule (for example `privilege-escalation-allowed` is an error when explicitly true). */
  severity?: Severity;
}

export interface Reference {
  title: string;
  url: string;
}

export interface RuleDocs {
  /** One paragraph: what the rule detects. */
  what: string;
  /** Why it matters, in terms of the kernel attack surface. */
  why: string;
  /** How to fix it. */
  fix: string;
  examples: Array<{ format: Format; bad: string; good: string }>;
}

export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  profile: ProfileLevel;
  formats: Format[];
  docs: RuleDocs;
  references: Reference[];
  /** Peer tool ids for the same problem (for references and foreign suppressions). */
  peers?: string[];
  /** Describes the fix the rule offers, if any. */
  fix?: { safe: boolean; description: string };
}

export interface Reporter {
  report(f: RawFinding): void;
}

/** Per-run context handed to checks: host-provided services (file reading for cross-file rules). */
export interface CheckContext {
  /** Path or URI of the file being analysed, as the host names it. */
  file: string;
  /**
   * The profile in force. Rules use it only where Pod Security Admission itself judges a field
   * differently by level (for example `procMount` under `hostUsers: false`). Unset: `restricted`.
   */
  profile?: Profile;
  /** Reads another file for cross-file rules; undefined when the host cannot. Never throws. */
  readFile?: FileReader;
  /** Resolves a path relative to the analysed file's folder. */
  resolve?: (relative: string) => string;
}

/** Returns the text of a file, or undefined when it does not exist or cannot be read. */
export type FileReader = (path: string) => string | undefined;

/** A comment in the source: its span (including the `#`) and its text after `#`. */
export interface Comment {
  span: Span;
  text: string;
  /** True when nothing but white space precedes the comment on its line. */
  wholeLine: boolean;
}

/** An object-level suppression (Kubernetes annotation) that covers every finding inside `scope`. */
export interface ScopedSuppression {
  scope: Span;
  /** Harden rule ids, or peer ids when `foreign` is true; `*` means every rule. */
  ids: string[];
  /** The annotation key (where `unused-suppression` points). */
  span: Span;
  foreign: boolean;
  justification?: string;
}

/** What every format's model shares: the text's line index, its comments and object scopes. */
export interface ModelBase {
  format: Format;
  text: string;
  comments: Comment[];
  scopedSuppressions: ScopedSuppression[];
  /** Places the parser could not read (reported by rule `parse-error`, once each). */
  parseErrors: Array<{ span: Span; message: string }>;
  /** Messages about input that was skipped or only partly understood (not findings). */
  notes: string[];
}
