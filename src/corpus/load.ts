/** Reads every `*.md` document in a corpus folder into passages. The only I/O of the answer engine. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { examplesFileFor, loadExamples, type LabelledExample } from './examples.js';
import { CorpusError, parseDocument, type ParsedDocument, type Passage } from './markdown.js';
import { slugify } from './slug.js';
import { loadPresentation, type Presentation } from './presentation.js';
import { loadTopics, type Topics } from './topics.js';

export interface Corpus {
  documents: ParsedDocument[];
  /** Every passage of every document, in document (file name) and reading order. */
  passages: Passage[];
  /** Labelled example questions of every document that has an examples file. */
  examples: LabelledExample[];
  /** Not-covered topics: key → the phrase a reply names it by. */
  topics: Topics;
  /** What the bot says around this corpus. */
  presentation: Presentation;
}

/** The corpus folder shipped with the project. */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

export function loadCorpus(directory: string = DEFAULT_CORPUS_DIR): Corpus {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.md')).sort();
  } catch (error) {
    throw new CorpusError(directory, 0, `cannot read the corpus folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (names.length === 0) throw new CorpusError(directory, 0, 'the corpus folder has no *.md documents');

  const documents: ParsedDocument[] = [];
  const seenIds = new Map<string, string>();
  for (const name of names) {
    const path = join(directory, name);
    const shown = displayPath(path);
    const documentId = slugify(basename(name, '.md'));
    const other = seenIds.get(documentId);
    if (other) throw new CorpusError(shown, 1, `its id "${documentId}" is the same as ${other}'s`);
    seenIds.set(documentId, shown);
    documents.push(parseDocument(shown, documentId, decodeUtf8(shown, readFileSync(path))));
  }
  const passages = documents.flatMap((document) => document.passages);
  const topics = loadTopics(directory);
  const passageIds = new Set(passages.map((passage) => passage.id));
  const topicKeys = new Set(topics.keys());
  const examples = names.flatMap((name) => {
    const path = examplesFileFor(join(directory, name));
    return loadExamples(path, displayPath(path), passageIds, topicKeys);
  });
  return { documents, passages, examples, topics, presentation: loadPresentation(directory) };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes strictly: a file with invalid UTF-8 is an error at the line of the first bad byte. */
export function decodeUtf8(file: string, bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8Offset(bytes);
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    throw new CorpusError(file, line, 'the file is not valid UTF-8');
  }
}

/**
 * The offset where the first ill-formed UTF-8 sequence starts (the length when there is none),
 * in one pass: the well-formed sequences of the Unicode Standard, table 3-7 (no overlong forms,
 * no surrogates, nothing above U+10FFFF).
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const continuation = (at: number, low = 0x80, high = 0xbf): boolean => at < bytes.length && bytes[at]! >= low && bytes[at]! <= high;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    let size: number;
    if (lead <= 0x7f) size = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) size = continuation(i + 1) ? 2 : 0;
    else if (lead >= 0xe0 && lead <= 0xef) {
      const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
      size = continuation(i + 1, low, high) && continuation(i + 2) ? 3 : 0;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      const [low, high] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      size = continuation(i + 1, low, high) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
    } else size = 0;
    if (size === 0) return i;
    i += size;
  }
  return bytes.length;
}

function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown.startsWith('..') ? path : shown;
}

export { CorpusError, type Passage, type ParsedDocument };
