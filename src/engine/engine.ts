/**
 * The answer engine: question in, reply out. Pure once built (no I/O, no clock, no randomness);
 * building it reads the corpus and the synonym table through {@link createEngine}.
 *
 * ```ts
 * const engine = createEngine();
 * const reply = engine.answer('Is kratom addictive?');
 * reply.kind;       // 'answer'
 * reply.passages[0];  // { section: 'Potential Considerations', subsection: 'Dependency and Withdrawal', text: 'Long-term or excessive use…' }
 * const more = engine.answer('tell me more', reply.context);
 * ```
 */
import { loadCorpus, type Corpus } from '../corpus/load.js';
import type { Passage } from '../corpus/markdown.js';
import { Analyzer, isStopword, normalize, words, type Concept } from './analyzer.js';
import { isCrisis } from './crisis.js';
import { makeReply, quoteHeading, type ConversationContext, type Quote, type Reply, type ReplyFields } from './reply.js';
import { safetyTexts, SAFETY_SUMMARY_SENTENCES, type SafetyOptions, type SafetyTexts } from './safety.js';
import { PassageIndex, type Hit } from './search.js';
import { buildSections, rankSections, type SectionEntry } from './sections.js';
import { joinExcerpt, splitSentences } from './sentences.js';
import { preloadLexicon } from './word-class.js';
import { loadSynonyms, loadUncoveredTopics, type SynonymTable, type UncoveredTopics } from './synonyms.js';

/** Tuning, measured with `npm run bench` on the labelled question set. */
export const TUNING = {
  /** The best passage must cover at least this share of the question's IDF weight. */
  minCoverage: 0.35,
  /** A second or third passage is shown only when its relevance is at least this share of the first's. */
  companionRatio: 0.85,
  maxQuotes: 3,
  /**
   * An opening paragraph touches every topic its sections treat ("stress, anxiety, and
   * depression"); on a tie the section that treats the topic should come first.
   */
  openingPenalty: 0.1,
  /** How much BM25 (0..1 of the best) adds to coverage when ranking passages. */
  bm25Share: 0.3,
  /** Passages with more sentences than this are cut to their best sentences. */
  maxSentences: 3,
  /** A concept found in at least this share of passages says nothing about which one to quote. */
  generalShare: 0.75,
  /** In a message that tells a story and then asks, the story's words count this much. */
  storyWeight: 0.25,
  /** In a follow-up, the earlier question's words count this much against the new ones. */
  previousTopicWeight: 0.5,
  /** A follow-up with at most this many concepts may lean on the previous question. */
  shortFollowUp: 4,
};

/** Hard limit on what the engine reads of a message; Discord's own limit is 4,000 characters. */
export const MAX_QUESTION_LENGTH = 2000;

export interface EngineOptions extends SafetyOptions {
  corpus?: Corpus;
  corpusDir?: string;
  synonyms?: SynonymTable;
  uncoveredTopics?: UncoveredTopics;
}

/** Passages for a question: those that cover enough of it, best first, and all that share a word. */
interface Ranking {
  covering: Hit[];
  all: Hit[];
}

export interface SectionChoice {
  name: string;
  value: string;
}

const HELP_WORDS =
  /^(hi+|hello+|hey+|heya|hiya|yo|sup|howdy|greetings|hola|gm|good (morning|afternoon|evening|day|night)|help|help me|helpme|commands|menu|start|info|about|thanks|thank you|thx|ty|cheers|what can you do|what do you do|who are you|what are you|what is this|how do i use (this|you|the bot)|how does this (bot )?work|what can i ask( you| u)?|what (kind|kinds|sort|type) of (questions|things|stuff) can i ask( you| u)?|what do you know( about)?|what should i ask|test|testing|ping)( (there|bot|kratom ?guide|everyone|all|folks|guys|yall|friend|pal))*$/;

/** Thanks or goodbye, with nothing asked after it ("thanks!! that was useful", "appreciate it, cya"). */
const THANKS_OR_BYE = /^((ok|okay|alright|great|cool|perfect|awesome|nice|k) )?(thanks|thank you|thank u|thx|tysm|ty|cheers|appreciate (it|that|you|u)|much appreciated|bye|goodbye|cya|see (ya|you)|later|gn|good night|ok thanks|okay thanks|great thanks|cool thanks)\b/;

/**
 * "what is kratom?", however it is dressed, and then only chat ("keep seeing it at the gas
 * station"): the article's overview answers it. "what is kratom withdrawal like" is not this.
 */
const WHAT_IS_KRATOM = /^(so |ok |okay |hey |yo |but )?(what|wat|wut|whats|wats)( even| exactly| actually| the heck| tf)?( is| s)? (kratom|kratum|kratem|k)\b/;

/** Asking what the bot is for, anywhere in a message ("Could you explain what kinds of questions you answer?"). */
const ASKS_ABOUT_THE_BOT = /\b(what|which) (kinds?|sorts?|types?) of (questions|things|stuff)\b|\bwhat (can|do) you (do|answer|know)\b|\bhow (do|can) i use (you|this bot|the bot)\b|\bwhat are you able to\b/;

const MORE_WORDS =
  /^(tell me more|more|more please|go on|continue|keep going|what else|anything else|say more|elaborate|expand( on that)?|more info|more details|and|ok and|and then|next|next one|more on that|tell me more about (that|it|this))$/;

const CONTINUATION_START = /^(and|what about|how about|also|but|what if|with|plus|or|same (for|with)|then|so)\b/;

export class AnswerEngine {
  readonly safety: SafetyTexts;
  readonly sections: SectionEntry[];
  private readonly index: PassageIndex;
  private readonly passages: Passage[];
  private readonly ordinal = new Map<string, number>();
  private readonly safetySummaryQuotes: Quote[];

  constructor(corpus: Corpus, synonyms: SynonymTable, uncoveredTopics: UncoveredTopics, options: SafetyOptions = {}) {
    this.safety = safetyTexts(options);
    preloadLexicon();
    this.passages = corpus.passages;
    this.passages.forEach((passage, i) => this.ordinal.set(passage.id, i));
    this.index = new PassageIndex(this.passages, new Analyzer(synonyms, uncoveredTopics));
    this.sections = buildSections(this.passages);
    this.safetySummaryQuotes = this.resolveSafetySummary();
  }

  /**
   * Answers a question; with the previous exchange's context, follow-ups continue it.
   * `options.crisisText` replaces the crisis guidance shown first (a server's own crisis lines).
   */
  answer(rawQuestion: string, context?: ConversationContext, options?: { crisisText?: string }): Reply {
    const question = rawQuestion.trim().slice(0, MAX_QUESTION_LENGTH);
    const plain = normalize(question).replace(/<@[!&]?\d+>/g, ' ').replace(/[^\p{L}\p{N}\s]+/gu, ' ').replace(/\s+/g, ' ').trim();
    const crisis = isCrisis(question);

    if (!crisis && (plain === '' || HELP_WORDS.test(plain) || ASKS_ABOUT_THE_BOT.test(plain))) return this.help(question);
    if (!crisis && context && MORE_WORDS.test(plain)) return this.more(context, question);

    if (!crisis && asksWhatKratomIs(question)) return this.overview(question);

    // In a story that ends in a question, the question says what is asked; the story's words
    // count for less, so a long preamble cannot drown the question (or block it with a side topic).
    const { asked, told } = splitAskedFromTold(question);
    const askedConcepts = this.index.analyzer.concepts(asked);
    const toldConcepts = this.index.analyzer.concepts(told).filter((c) => !askedConcepts.some((a) => sameConcept(a, c)));
    let concepts = [...askedConcepts, ...toldConcepts];
    let weights = [...askedConcepts.map(() => 1), ...toldConcepts.map(() => TUNING.storyWeight)];
    let topic = question;
    let ranking = this.rankCovered(concepts, weights);

    if (context && concepts.length <= TUNING.shortFollowUp && (CONTINUATION_START.test(plain) || ranking.covering.length === 0)) {
      // A short follow-up leans on the previous question: "and with antidepressants?".
      const previous = this.index.analyzer.concepts(context.question).filter((old) => !concepts.some((now) => sameConcept(now, old)));
      const combined = [...concepts, ...previous];
      const combinedWeights = [...weights, ...previous.map(() => TUNING.previousTopicWeight)];
      const combinedRanking = this.rankCovered(combined, combinedWeights);
      if (combinedRanking.covering.length > 0) {
        concepts = combined;
        weights = combinedWeights;
        ranking = combinedRanking;
        // Bounded: a long chain of follow-ups must not grow the carried question without end.
        topic = `${context.question} ${question}`.slice(-MAX_QUESTION_LENGTH);
      }
    }

    if (!crisis && (concepts.length === 0 || (ranking.covering.length === 0 && THANKS_OR_BYE.test(plain)))) return this.help(question);

    const general = concepts.some((concept) => this.isGeneral(concept)) && concepts.every((concept) => this.isGeneral(concept) || this.isFiller(concept));
    const hits = general ? this.overviewHits() : ranking.covering;

    const crisisLead = crisis ? [options?.crisisText ?? this.safety.crisisText] : [];
    if (hits.length === 0) {
      if (crisis) return this.reply({ kind: 'crisis', question, lead: crisisLead });
      return this.noMatch(question, ranking);
    }

    const chosen = this.chooseCompanions(hits);
    const quotes = chosen.map((hit) => this.quote(hit.passage, concepts, hit.score));
    const shownIds = quotes.map((quote) => quote.id);
    return this.reply({
      kind: crisis ? 'crisis' : 'answer',
      question,
      lead: crisisLead,
      passages: quotes,
      after: [],
      context: { question: topic, shownIds },
      alternativeIds: this.alternatives(ranking, chosen),
    });
  }

  /** The opening passage of the first document, for "what is kratom?". */
  private overview(question: string): Reply {
    const hits = this.overviewHits();
    return this.reply({
      kind: 'answer',
      question,
      passages: hits.map((hit) => this.quote(hit.passage, [], 0)),
      context: { question, shownIds: hits.map((hit) => hit.passage.id) },
    });
  }

  /** "Tell me more": the rest of the section last shown, then the passages after it. */
  more(context: ConversationContext, question = 'tell me more'): Reply {
    const shown = new Set(context.shownIds);
    const last = context.shownIds[context.shownIds.length - 1];
    const start = last === undefined ? 0 : (this.ordinal.get(last) ?? -1) + 1;
    const lastPassage = last === undefined ? undefined : this.index.get(last);
    const sameSection = this.passages.filter(
      (passage) => !shown.has(passage.id) && lastPassage !== undefined && passage.section === lastPassage.section && passage.documentId === lastPassage.documentId,
    );
    const following = this.passages.slice(start).filter((passage) => !shown.has(passage.id));
    const next = (sameSection.length > 0 ? sameSection : following).slice(0, 2);
    if (next.length === 0) {
      return this.reply({
        kind: 'answer',
        question,
        lead: ['That was the last of the article on this. Ask another question, or use /sections to browse it.'],
        context,
      });
    }
    return this.reply({
      kind: 'answer',
      question,
      passages: next.map((passage) => this.quote(passage, [], 0)),
      context: { question: context.question, shownIds: [...context.shownIds, ...next.map((p) => p.id)] },
    });
  }

  /** Shows given passages whole, e.g. for an "other passages" button. Unknown ids are skipped. */
  showPassages(ids: string[], question = ''): Reply {
    const passages = ids.map((id) => this.index.get(id)).filter((p): p is Passage => p !== undefined);
    if (passages.length === 0) return this.notice('Those passages are no longer in the article. Ask your question again.');
    return this.reply({
      kind: 'answer',
      question,
      passages: passages.map((passage) => this.quote(passage, [], 0)),
      context: { question, shownIds: passages.map((p) => p.id) },
    });
  }

  help(question = ''): Reply {
    return this.reply({
      kind: 'help',
      question,
      lead: [
        'I answer questions about kratom and mental health, strictly from one article, quoting it word for word with its section titles. When the article does not cover something, I say so.',
        'Try: "Is kratom addictive?", "Can I take kratom with antidepressants?", "What is the difference between red and white vein?", "How should a beginner start?"',
        'Commands: /ask a question, /section to read a section, /sections for the contents, /safety for the safety summary. You can also mention me, or reply to my answer with "tell me more".',
      ],
    });
  }

  /** A section or subsection, whole and verbatim, found by (fuzzy) title or key. */
  section(name: string): Reply {
    const [best, ...rest] = rankSections(name, this.sections);
    if (!best || best.similarity < 0.75) {
      const near = (best ? [best, ...rest] : []).slice(0, 3).map((r) => r.entry.label);
      return this.reply({
        kind: 'notice',
        question: name,
        // The name is echoed back, so it must not carry a mention even where pings are off.
        lead: [`No section is called "${truncate(name.trim().replace(/[<@>#&!]/g, ''), 100)}".`],
        after: near.length > 0 ? [`Closest: ${near.join('; ')}. Use /sections for the full list.`] : ['Use /sections for the full list.'],
      });
    }
    return this.reply({
      kind: 'section',
      question: name,
      passages: best.entry.passageIds.map((id) => this.quote(this.index.get(id)!, [], 0)),
      context: { question: best.entry.label, shownIds: best.entry.passageIds },
    });
  }

  /** Autocomplete choices for section names: fuzzy, all of them for an empty box, Discord's limits. */
  sectionChoices(partial: string, limit = 25): SectionChoice[] {
    const ranked = rankSections(partial, this.sections);
    const matching = normalize(partial).trim() === '' ? ranked : ranked.filter((r) => r.similarity >= 0.6);
    return matching.slice(0, limit).map(({ entry }) => ({
      name: truncate(entry.label, 100),
      value: entry.key.length <= 100 ? entry.key : truncate(entry.label, 100),
    }));
  }

  contents(): Reply {
    const lines: string[] = [];
    let document = '';
    for (const entry of this.sections) {
      if (entry.documentTitle !== document) {
        document = entry.documentTitle;
        lines.push(`${document}`);
      }
      if (entry.section === entry.documentTitle && !entry.subsection) lines.push('• Introduction');
      else lines.push(entry.subsection ? `    ◦ ${entry.subsection}` : `• ${entry.section}`);
    }
    return this.reply({ kind: 'contents', question: '', lead: ['Contents of the article:', lines.join('\n')], after: ['Read one with /section.'] });
  }

  /** Key sentences from the safety-relevant sections, verbatim, each with its section title. */
  safetySummary(): Reply {
    return this.reply({
      kind: 'safety',
      question: '',
      lead: ['Safety summary, in the article’s own words:'],
      passages: this.safetySummaryQuotes,
    });
  }

  /** A message that is not an answer (cooldowns, errors, permissions); it still carries the note. */
  notice(text: string): Reply {
    return this.reply({ kind: 'notice', question: '', lead: [text] });
  }

  passageIds(): string[] {
    return this.passages.map((p) => p.id);
  }

  passage(id: string): Passage | undefined {
    return this.index.get(id);
  }

  private reply(fields: ReplyFields): Reply {
    return makeReply(fields, this.safety.safetyNote);
  }

  /**
   * Passages that cover enough of the question, best first: by coverage, then BM25 (scaled to
   * the best BM25 score) to order passages that cover the same concepts.
   */
  private rankCovered(concepts: Concept[], weights: number[]): Ranking {
    const hits = this.index.rank(concepts, weights);
    const topScore = Math.max(...hits.map((hit) => hit.score), 1e-9);
    // A question that names a topic the article does not cover is about that topic, however
    // many of its other words a passage shares ("grow my own Mitragyna speciosa tree").
    const uncovered = concepts.filter((concept, i) => concept.uncoveredTopic && (weights[i] ?? 1) >= 1);
    const covering = hits
      .filter((hit) => hit.coverage >= TUNING.minCoverage && uncovered.every((concept) => hit.covered.includes(concept)))
      .map((hit) => ({ ...hit, score: hit.coverage + TUNING.bm25Share * (hit.score / topScore) - (this.isOpening(hit.passage) ? TUNING.openingPenalty : 0) }))
      .sort((a, b) => b.score - a.score);
    return { covering, all: hits };
  }

  /** A paragraph before a document's first section: its overview. */
  private isOpening(passage: Passage): boolean {
    return passage.section === passage.documentTitle && passage.subsection === null;
  }

  /** A word the article lacks that carries no topic ("exactly", "fr"). */
  private isFiller(concept: Concept): boolean {
    return this.index.documentFrequency(concept) === 0 && this.index.weight(concept) < 0.5;
  }

  /** A concept even whose rarest stem is in most passages ("kratom", "mental health"). */
  private isGeneral(concept: Concept): boolean {
    return this.index.rarestTermFrequency(concept) >= this.passages.length * TUNING.generalShare;
  }

  /** For questions about kratom in general ("what is kratom?"): the opening passage of the first document. */
  private overviewHits(): Hit[] {
    const first = this.passages[0];
    return first ? [{ passage: first, score: 1, coverage: 1, covered: [] }] : [];
  }

  private chooseCompanions(hits: Hit[]): Hit[] {
    const best = hits[0]!;
    return [best, ...hits.slice(1).filter((hit) => hit.score >= best.score * TUNING.companionRatio)].slice(0, TUNING.maxQuotes);
  }

  /** Further passages for "other passages": the rest of the covering ones, then the next closest by BM25. */
  private alternatives(ranking: Ranking, chosen: Hit[]): string[] {
    const shown = new Set(chosen.map((hit) => hit.passage.id));
    const ids = [...ranking.covering, ...ranking.all].map((hit) => hit.passage.id).filter((id) => !shown.has(id));
    return [...new Set(ids)].slice(0, 6);
  }

  private noMatch(question: string, ranking: Ranking): Reply {
    const nearest = [...new Set(ranking.all.map((hit) => quoteHeading(hit.passage)))].slice(0, 3);
    const look = nearest.length > 0 ? nearest : this.sections.filter((s) => !s.subsection).slice(1, 4).map((s) => s.label);
    return this.reply({
      kind: 'no_match',
      question,
      lead: ['The article does not cover that, so I can’t answer it from the article.'],
      after: [
        `Nearest sections to look at: ${look.join('; ')}.`,
        'No answer here is not a sign that something is safe. Please ask a healthcare professional.',
      ],
    });
  }

  private quote(passage: Passage, concepts: Concept[], score: number): Quote {
    return {
      id: passage.id,
      section: passage.section,
      subsection: passage.subsection,
      text: this.excerpt(passage.text, concepts),
      score: Math.round(score * 1000) / 1000,
    };
  }

  /** A long passage cut to its sentences that cover the most of the question; short ones whole. */
  private excerpt(text: string, concepts: Concept[]): string {
    const sentences = splitSentences(text);
    if (sentences.length <= TUNING.maxSentences || concepts.length === 0) return text;
    const analyzer = this.index.analyzer;
    const scored = sentences.map((sentence, index) => {
      const terms = new Set(analyzer.indexTerms(sentence));
      const hits = concepts.filter((concept) => concept.terms.some((term) => terms.has(term))).length;
      return { index, hits };
    });
    const keep = scored
      .sort((a, b) => b.hits - a.hits || a.index - b.index)
      .slice(0, TUNING.maxSentences)
      .map((s) => s.index);
    return joinExcerpt(sentences, keep);
  }

  private resolveSafetySummary(): Quote[] {
    const quotes: Quote[] = [];
    for (const { passageId, startsWith } of SAFETY_SUMMARY_SENTENCES) {
      const passage = this.index.get(passageId);
      // A community corpus without the article simply has no summary sentences from it.
      if (!passage) continue;
      const sentence = splitSentences(passage.text).find((s) => s.startsWith(startsWith));
      if (!sentence) throw new Error(`safety summary: no sentence starting "${startsWith}" in ${passageId}; update SAFETY_SUMMARY_SENTENCES`);
      quotes.push({ id: passage.id, section: passage.section, subsection: passage.subsection, text: sentence, score: 0 });
    }
    return quotes;
  }
}

function sameConcept(a: Concept, b: Concept): boolean {
  return a.terms.join(' ') === b.terms.join(' ');
}

/**
 * Splits a message into what it asks (its sentences with a question mark) and what it tells
 * (the others). A message without a question mark, or with only one sentence, is all asked.
 */
export function splitAskedFromTold(message: string): { asked: string; told: string } {
  const sentences = message.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
  const asking = sentences.filter((sentence) => sentence.includes('?'));
  if (sentences.length < 2 || asking.length === 0 || asking.length === sentences.length) return { asked: message, told: '' };
  return { asked: asking.join(' '), told: sentences.filter((sentence) => !sentence.includes('?')).join(' ') };
}

/** "what is kratom", then nothing, punctuation, or a word that carries no topic ("lol", "used"). */
function asksWhatKratomIs(question: string): boolean {
  const text = normalize(question).trim();
  const match = WHAT_IS_KRATOM.exec(text);
  if (!match) return false;
  const rest = text.slice(match[0].length).trimStart();
  const next = words(rest)[0];
  return rest === '' || /^[?!.,;:]/.test(rest) || next === undefined || isStopword(next);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function createEngine(options: EngineOptions = {}): AnswerEngine {
  const corpus = options.corpus ?? loadCorpus(options.corpusDir);
  const synonyms = options.synonyms ?? loadSynonyms();
  const uncoveredTopics = options.uncoveredTopics ?? loadUncoveredTopics();
  return new AnswerEngine(corpus, synonyms, uncoveredTopics, options);
}
