// The kernel exposure in the editor (issue 8): one code lens per Kubernetes container, Compose
// service and Dockerfile final stage, titled with the engine's one-line summary, and the exposure
// card in the hover of the lens's line (with what each fix removes, computed only then).
import type { CodeLens, Command, Position } from 'vscode-languageserver';
import type { Analysis, AnalyzeInput } from '../engine';
import { byImportance } from '../engine/exposure/hover';
import { exposureDeltasAsync, exposureHoverMarkdown, exposureOf, exposureSummary } from '../engine/exposure/model';
import type { ContainerExposure, ExposureDelta } from '../engine/exposure/types';
import { toRange } from './convert';

/** The VS Code extension's command behind a lens: move the cursor to the container and show the hover. */
export const SHOW_EXPOSURE_CLIENT_COMMAND = 'harden.showExposure';
/** The same for other clients (Neovim...): the server sends the card as a message. */
export const SHOW_EXPOSURE_SERVER_COMMAND = 'harden.server.showExposure';

/** Notable names listed in a lens's tooltip before "and N more". */
const TOOLTIP_NAMES = 8;

/**
 * The exposures of one analysed document version, computed once (at the first lens or hover), and
 * the deltas per container, computed at the first hover of that container (each costs one
 * analysis per candidate fix).
 */
export class ExposureCache {
  private list?: ContainerExposure[];
  private readonly deltas = new Map<number, ExposureDelta[]>();

  constructor(
    private readonly analysis: Analysis,
    private readonly input: AnalyzeInput,
  ) {}

  /** The containers to show (the engine leaves out those of a YAML document with a parse error). */
  exposures(): ContainerExposure[] {
    return (this.list ??= exposureOf(this.analysis));
  }

  /** The container whose lens span holds the offset (the `name:` entry, the service key, the final FROM). */
  at(offset: number): ContainerExposure | undefined {
    return this.exposures().find((e) => offset >= e.span.start && offset <= e.span.end);
  }

  /** The container's deltas, or undefined when `isCancelled` said stop (asked between fixes). */
  async deltasOf(e: ContainerExposure, isCancelled: () => boolean): Promise<ExposureDelta[] | undefined> {
    const hit = this.deltas.get(e.span.start);
    if (hit) return hit;
    const d = await exposureDeltasAsync(this.input, this.analysis, e, isCancelled);
    if (!d) return undefined;
    this.deltas.set(e.span.start, d);
    return d;
  }

  card(e: ContainerExposure, deltas: ExposureDelta[]): string {
    return exposureHoverMarkdown(e, deltas);
  }
}

/** A few names, then how many more. */
function listed(names: string[]): string {
  if (names.length <= TOOLTIP_NAMES) return names.join(', ');
  return `${names.slice(0, TOOLTIP_NAMES).join(', ')} and ${names.length - TOOLTIP_NAMES} more`;
}

/** The lens tooltip: what is reachable that should not be, without the costly deltas. */
export function lensTooltip(e: ContainerExposure): string {
  const parts: string[] = [];
  if (e.syscalls.notable.length) parts.push(`System calls it should not reach: ${listed(byImportance(e.syscalls.notable))}.`);
  if (e.capabilities.all) parts.push('Capabilities: all of them.');
  else if (e.capabilities.notable.length) parts.push(`Capabilities beyond Pod Security baseline: ${listed(e.capabilities.notable.map((c) => `CAP_${c}`))}.`);
  parts.push('Click for the details and what each fix removes.');
  return parts.join(' ');
}

/** One lens per container, at the start of its span; the command shows the hover card there. */
export function exposureLenses(uri: string, analysis: Analysis, exposures: ContainerExposure[], ourClient: boolean): CodeLens[] {
  return exposures.map((e) => {
    const range = toRange(analysis.lines, e.span.start, e.span.start);
    const command: Command = {
      title: exposureSummary(e),
      command: ourClient ? SHOW_EXPOSURE_CLIENT_COMMAND : SHOW_EXPOSURE_SERVER_COMMAND,
      arguments: [uri, range.start],
      tooltip: lensTooltip(e),
    };
    return { range, command };
  });
}

/** The arguments of a show-exposure command, when well formed. */
export function showExposureArgs(args: unknown[] | undefined): { uri: string; position: Position } | undefined {
  const [uri, position] = args ?? [];
  if (typeof uri !== 'string' || !position || typeof position !== 'object') return undefined;
  const { line, character } = position as Record<string, unknown>;
  if (typeof line !== 'number' || typeof character !== 'number' || line < 0 || character < 0) return undefined;
  return { uri, position: { line, character } };
}

/** The card as plain text for a message box: no emphasis marks or code ticks. */
export function plainText(markdown: string): string {
  return markdown.replace(/\*\*|`/g, '').replace(/\n{3,}/g, '\n\n').trim();
}
