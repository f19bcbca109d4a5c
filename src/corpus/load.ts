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
    const line = bytes.subarray(0, bad).filter((byte) => byte === 0x0a).length + 1;
    throw new CorpusError(file, line, 'the file is not valid UTF-8');
  }
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  // Grow a prefix until it fails to decode as a complete sequence; a multi-byte character
  // needs at most 4 bytes, so a prefix that still fails 4 bytes later holds the bad byte.
  for (let end = 1; end <= bytes.length; end++) {
    try {
      strictUtf8.decode(bytes.subarray(0, end));
    } catch {
      let ok = false;
      for (let extra = 1; extra <= 3 && end + extra <= bytes.length; extra++) {
        try {
          strictUtf8.decode(bytes.subarray(0, end + extra));
          ok = true;
          break;
        } catch {
          /* keep looking */
        }
      }
      if (!ok) return end - 1;
    }
  }
  return bytes.length;
}

function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown.startsWith('..') ? path : shown;
}

export { CorpusError, type Passage, type ParsedDocument };
