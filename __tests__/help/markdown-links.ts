import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** One link of a Markdown page: where it points, and the line it is on. */
export interface MarkdownLink {
  /** The target as written, e.g. `database.md#restore` or `#alerts`. */
  readonly target: string;
  /** 1-based line of the page. */
  readonly line: number;
}

/** A fence opens and closes a code block: three or more backticks or tildes. */
const FENCE = /^\s*(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;
/** `[text](target)` or `![alt](target)`, with an optional title after the target. */
const INLINE_LINK = /!?\[(?:[^\][]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"']*["'])?\s*\)/g;
/** `[label]: target` on a line of its own. */
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/;
const HTML_ANCHOR = /<a\s+(?:[^>]*\s)?(?:id|name)="([^"]+)"/g;
/** A URL with a scheme (`https:`, `mailto:`): not a file of the repository. */
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The lines of a page outside fenced code blocks, with their 1-based numbers. */
export function proseLines(markdown: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((text, index) => {
    const opening = FENCE.exec(text)?.[1];
    if (fence === undefined && opening !== undefined) {
      fence = opening;
    } else if (fence !== undefined) {
      // A fence closes only with the same character, at least as long as the one that opened it.
      if (opening !== undefined && opening[0] === fence[0] && opening.length >= fence.length)
        fence = undefined;
    } else {
      lines.push({ text, line: index + 1 });
    }
  });
  return lines;
}

/** The text a heading renders as: code spans, links, emphasis and HTML reduced to their text. */
function renderedText(heading: string): string {
  return heading
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(^|\W)_([^_]+)_(?=\W|$)/g, '$1$2');
}

/**
 * The anchor GitHub gives a heading: the rendered text in lower case, every character that is not
 * a letter, a mark, a digit, a connector (`_`), a space or a hyphen removed, each space made a
 * hyphen. The same anchor a second time gets `-1`, then `-2`, ...
 */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of proseLines(markdown)) {
    const heading = ATX_HEADING.exec(text)?.[1];
    if (heading !== undefined) {
      const base = renderedText(heading)
        .toLowerCase()
        .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
        .replace(/ /g, '-');
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const match of text.matchAll(HTML_ANCHOR)) anchors.add(match[1]);
  }
  return anchors;
}

/** Every inline link, image and reference definition of a page, outside code blocks and code spans. */
export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const { text, line } of proseLines(markdown)) {
    const prose = text.replace(/`[^`]*`/g, '');
    for (const match of prose.matchAll(INLINE_LINK)) links.push({ target: match[1], line });
    const definition = REFERENCE_DEFINITION.exec(prose)?.[1];
    if (definition !== undefined) links.push({ target: definition, line });
  }
  return links;
}

/** Why a link of the page `fromFile` does not resolve, or `undefined` when it does (or leaves the repository). */
export function brokenLinkReason(fromFile: string, target: string): string | undefined {
  if (HAS_SCHEME.test(target) || target.startsWith('//')) return undefined;
  const hashAt = target.indexOf('#');
  const filePart = decodeURIComponent(hashAt === -1 ? target : target.slice(0, hashAt));
  const anchor = hashAt === -1 ? undefined : decodeURIComponent(target.slice(hashAt + 1));
  const file = filePart === '' ? fromFile : path.resolve(path.dirname(fromFile), filePart);
  if (!existsSync(file)) return `${filePart} does not exist`;
  if (anchor === undefined || anchor === '' || !file.endsWith('.md')) return undefined;
  const anchors = headingAnchors(readFileSync(file, 'utf8'));
  return anchors.has(anchor) ? undefined : `${path.basename(file)} has no heading with the anchor #${anchor}`;
}

/**
 * The npm scripts a text runs: `npm run build`, `npm run --silent smoke -- ...`. Flags between
 * `run` and the script name are skipped.
 */
export function npmScriptsRun(text: string): string[] {
  return [...text.matchAll(/\bnpm run(?:\s+--?[a-z][a-z-]*)*\s+([a-z][\w:.-]*)/g)].map((m) => m[1]);
}
