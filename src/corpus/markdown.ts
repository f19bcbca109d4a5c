/**
 * Parses one corpus document (a small Markdown subset) into passages: one per paragraph.
 *
 * The subset:
 * - `# Title` once, first: the document's title. Paragraphs before any `##` belong to it.
 * - `## Section` and `### Subsection` (a subsection needs a section above it).
 * - A heading may carry `<!-- label: why -->` on its own line: a heading the source text does
 *   not have (e.g. "Conclusion"). It is shown like any other; the fidelity test knows to skip it.
 * - `<!-- search: word, other phrase -->` just below a heading adds search words to that
 *   section or subsection. They are searched, never quoted.
 * - Every other non-blank line is paragraph text; consecutive lines join with a space.
 *
 * Errors name the file and line, so a moderator editing a document can find the fault.
 */
import { slugify } from './slug.js';

export interface Passage {
  /** Stable id: `document/section[/subsection]/pN`. */
  id: string;
  documentId: string;
  documentTitle: string;
  section: string;
  subsection: string | null;
  /** Key of the section or subsection the paragraph sits in: `document/section[/subsection]`. */
  sectionKey: string;
  /** The paragraph exactly as written. */
  text: string;
  /** Extra search words attached to its section and subsection; never quoted. */
  keywords: string[];
  /** 1-based line in its file, for messages. */
  line: number;
}

export interface ParsedDocument {
  id: string;
  title: string;
  file: string;
  passages: Passage[];
}

export class CorpusError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'CorpusError';
  }
}

const HEADING = /^(#{1,6})\s+(.*?)\s*$/;
const COMMENT = /<!--([\s\S]*?)-->/g;
const DIRECTIVE = /^\s*(search|label)\s*:\s*([\s\S]*?)\s*$/i;

interface Heading {
  title: string;
  slug: string;
  keywords: string[];
  line: number;
}

/** The title-level "section" of paragraphs before the first `##`. */
const INTRODUCTION_SLUG = 'introduction';

export function parseDocument(file: string, documentId: string, source: string): ParsedDocument {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.every((line) => stripComments(line).trim() === '')) {
    throw new CorpusError(file, 1, 'the document is empty');
  }

  let title: Heading | null = null;
  let section: Heading | null = null;
  let subsection: Heading | null = null;
  /** The heading that a `<!-- search: -->` comment would attach to, until text follows it. */
  let lastHeading: Heading | null = null;
  const sectionLines = new Map<string, number>();
  const subsectionLines = new Map<string, number>();
  const passages: Passage[] = [];
  const paragraphCounts = new Map<string, number>();
  let paragraph: { lines: string[]; line: number } | null = null;

  const flush = (): void => {
    if (!paragraph || !title) return;
    const sectionSlug = section ? section.slug : INTRODUCTION_SLUG;
    const sectionKey = [documentId, sectionSlug, subsection?.slug].filter(Boolean).join('/');
    const n = (paragraphCounts.get(sectionKey) ?? 0) + 1;
    paragraphCounts.set(sectionKey, n);
    passages.push({
      id: `${sectionKey}/p${n}`,
      documentId,
      documentTitle: title.title,
      section: section ? section.title : title.title,
      subsection: subsection ? subsection.title : null,
      sectionKey,
      text: paragraph.lines.join(' '),
      // Paragraphs before any section take the title's search words.
      keywords: section ? [...section.keywords, ...(subsection?.keywords ?? [])] : [...title.keywords],
      line: paragraph.line,
    });
    paragraph = null;
  };

  for (const [index, rawLine] of lines.entries()) {
    const lineNo = index + 1;
    const directives = readDirectives(rawLine);
    const line = stripComments(rawLine).trim();

    for (const directive of directives) {
      if (directive.name !== 'search') continue;
      if (!lastHeading) {
        throw new CorpusError(file, lineNo, 'a "search:" comment must stand just below a heading');
      }
      lastHeading.keywords.push(...splitKeywords(directive.value));
    }

    if (line === '') {
      flush();
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      const text = heading[2]!;
      if (text === '') throw new CorpusError(file, lineNo, 'a heading has no text');
      const node: Heading = { title: text, slug: slugify(text), keywords: [], line: lineNo };
      if (node.slug === '') throw new CorpusError(file, lineNo, `heading "${text}" has no letters or digits`);
      if (level === 1) {
        if (title) throw new CorpusError(file, lineNo, `a second title "# ${text}" (the first is at line ${title.line})`);
        title = node;
      } else if (!title) {
        throw new CorpusError(file, lineNo, 'the document must start with a "# Title" heading');
      } else if (level === 2) {
        const seen = sectionLines.get(node.slug);
        if (seen !== undefined || node.slug === INTRODUCTION_SLUG && passages.length > 0) {
          throw new CorpusError(file, lineNo, `duplicate section title "${text}" (first at line ${seen ?? title.line})`);
        }
        sectionLines.set(node.slug, lineNo);
        section = node;
        subsection = null;
      } else if (level === 3) {
        if (!section) throw new CorpusError(file, lineNo, `subsection "${text}" has no "## Section" above it`);
        const key = `${section.slug}/${node.slug}`;
        const seen = subsectionLines.get(key);
        if (seen !== undefined) {
          throw new CorpusError(file, lineNo, `duplicate subsection title "${text}" in "${section.title}" (first at line ${seen})`);
        }
        subsectionLines.set(key, lineNo);
        subsection = node;
      } else {
        throw new CorpusError(file, lineNo, `only #, ## and ### headings are supported, found "${heading[1]}"`);
      }
      lastHeading = node;
      continue;
    }

    if (!title) throw new CorpusError(file, lineNo, 'the document must start with a "# Title" heading');
    lastHeading = null;
    if (paragraph) paragraph.lines.push(line);
    else paragraph = { lines: [line], line: lineNo };
  }
  flush();

  if (!title) throw new CorpusError(file, 1, 'the document has no "# Title" heading');
  if (passages.length === 0) throw new CorpusError(file, title.line, 'the document has no paragraphs');
  return { id: documentId, title: title.title, file, passages };
}

function stripComments(line: string): string {
  return line.replace(COMMENT, '');
}

function readDirectives(line: string): { name: string; value: string }[] {
  const found: { name: string; value: string }[] = [];
  for (const match of line.matchAll(COMMENT)) {
    const directive = DIRECTIVE.exec(match[1] ?? '');
    if (directive) found.push({ name: directive[1]!.toLowerCase(), value: directive[2]! });
  }
  return found;
}

function splitKeywords(value: string): string[] {
  return value
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word.length > 0);
}
