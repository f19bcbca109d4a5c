/**
 * The corpus's sections as a table of contents, and fuzzy lookup of a section by its title
 * (for `/section` and its autocomplete).
 */
import JaroWinklerDistance from 'natural/lib/natural/distance/jaro-winkler_distance.js';
import type { Passage } from '../corpus/markdown.js';
import { normalizeText as normalize, stem, tokenize as words } from '../learn/features.js';
import { SearchTerms } from './lexical.js';

export interface SectionEntry {
  /** `document/section` or `document/section/subsection`. */
  key: string;
  documentTitle: string;
  section: string;
  subsection: string | null;
  /** "Section" or "Section › Subsection". */
  label: string;
  /** The passages under it, subsections included, in reading order. */
  passageIds: string[];
}

export function buildSections(passages: Passage[]): SectionEntry[] {
  const entries = new Map<string, SectionEntry>();
  const ensure = (key: string, passage: Passage, subsection: string | null): SectionEntry => {
    let entry = entries.get(key);
    if (!entry) {
      entry = {
        key,
        documentTitle: passage.documentTitle,
        section: passage.section,
        subsection,
        label: subsection ? `${passage.section} › ${subsection}` : passage.section,
        passageIds: [],
      };
      entries.set(key, entry);
    }
    return entry;
  };
  for (const passage of passages) {
    const sectionKey = passage.subsection ? passage.sectionKey.slice(0, passage.sectionKey.lastIndexOf('/')) : passage.sectionKey;
    ensure(sectionKey, passage, null).passageIds.push(passage.id);
    if (passage.subsection) ensure(passage.sectionKey, passage, passage.subsection).passageIds.push(passage.id);
  }
  return [...entries.values()];
}

/** The longest section name worth comparing (Discord's option values are at most 100 characters). */
export const MAX_SECTION_NAME_LENGTH = 100;

/** How well a typed name matches a section's title, 0..1. */
export function titleSimilarity(query: string, entry: SectionEntry, terms: SearchTerms = new SearchTerms()): number {
  const wanted = normalize(query).trim();
  if (wanted === '') return 0;
  const title = normalize(entry.subsection ?? entry.section);
  const label = normalize(entry.label);
  if (title === wanted || entry.key.endsWith(`/${wanted}`) || entry.key === wanted) return 1;
  const whole = Math.max(JaroWinklerDistance(wanted, title), JaroWinklerDistance(wanted, label));
  // Share of the typed words found among the title's words (as stems, or as near spellings),
  // so "withdrawl" finds "Dependency and Withdrawal" and "meds" alone does not drift.
  const typed = words(wanted).filter((word) => !terms.isStopword(word));
  const titleWords = words(label);
  const found = (word: string): boolean =>
    titleWords.some(
      (t) =>
        stem(t) === stem(word) || (word.length >= 4 && t.startsWith(word)) || (word.length >= 5 && JaroWinklerDistance(word, t) >= 0.92),
    );
  const overlap = typed.length === 0 ? 0 : typed.filter(found).length / typed.length;
  const contains = label.includes(wanted) ? 0.95 : 0;
  return Math.max(whole * 0.9, overlap * 0.92, contains);
}

/** Sections ordered by how well they match the name, best first (reading order for an empty name). */
export function rankSections(
  rawQuery: string,
  entries: SectionEntry[],
  terms: SearchTerms = new SearchTerms(),
): { entry: SectionEntry; similarity: number }[] {
  // Titles are short; a longer name cannot match better, and string distances grow with length.
  const query = rawQuery.slice(0, MAX_SECTION_NAME_LENGTH);
  if (normalize(query).trim() === '') return entries.map((entry) => ({ entry, similarity: 0 }));
  return entries.map((entry) => ({ entry, similarity: titleSimilarity(query, entry, terms) })).sort((a, b) => b.similarity - a.similarity);
}
