/**
 * The answer engine: message in, reply and its trace out. Pure once built (no I/O, no clock, no
 * randomness); {@link createEngine} reads the corpus, the rules and the trained models.
 *
 * One pipeline of small stages, each with its tuning passed in:
 * 1. what the message is: help, thanks, "tell me more", or a question ({@link ChatRules});
 * 2. how much danger it shows ({@link RiskDetector}): crisis, concern or none;
 * 3. what it asks: a story's question, or a short follow-up combined with the previous question;
 * 4. candidates and scores ({@link Ranker}): the learned model and the lexical index together;
 * 5. the decision ({@link decide}): answer (fully or partly covered) or not covered, with its topic;
 * 6. the reply ({@link makeReply}), which always carries the safety note.
 *
 * ```ts
 * const engine = createEngine();
 * const reply = engine.answer('Is kratom addictive?');
 * reply.kind;                 // 'answer'
 * reply.passages[0].section;  // 'Potential Considerations'
 * reply.trace.decidedBy;      // 'model'
 * const more = engine.answer('tell me more', reply.context);
 * ```
 */
import { neutralize } from '../text/neutralize.js';
import { loadCorpus, type Corpus } from '../corpus/load.js';
import type { Passage } from '../corpus/markdown.js';
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions } from '../learn/features.js';
import { DEFAULT_MODELS_DIR, modelFrom, readSavedModel } from '../learn/models.js';
import type { SoftmaxModel } from '../learn/softmax.js';
import { loadChatRules, type ChatRules } from './chat-rules.js';
import { decide, DEFAULT_DECISION_OPTIONS, type Decision, type DecisionOptions } from './decide.js';
import { DEFAULT_LEXICAL_OPTIONS, LexicalIndex, SearchTerms, type LexicalOptions } from './lexical.js';
import { DEFAULT_RANKER_OPTIONS, Ranker, type Ranking, type RankerOptions } from './ranker.js';
import { makeReply, quoteHeading, type ConversationContext, type Quote, type Reply, type ReplyFields } from './reply.js';
import { DEFAULT_RISK_OPTIONS, loadCrisisPhrases, loadRiskCues, RiskDetector, type RiskAssessment, type RiskOptions } from './risk.js';
import { CRISIS_REMINDER, safetyTexts, SUPPORT_LINE, type SafetyOptions, type SafetyTexts } from './safety.js';
import { buildSections, rankSections, type SectionEntry } from './sections.js';
import { joinExcerpt, splitSentences } from './sentences.js';
import type { Trace } from './trace.js';

/** Hard limit on what the engine reads of a message; Discord's own limit is 4,000 characters. */
export const MAX_QUESTION_LENGTH = 2000;

/** The trained models; any may be absent (the engine then answers lexically, and flags only by phrase). */
export interface Models {
  ranker: SoftmaxModel | null;
  coverage: SoftmaxModel | null;
  risk: SoftmaxModel | null;
  /** Risk cues learned with the risk model. */
  riskCues: string[];
  /** Crisis against look-alikes: the risk model's second opinion. */
  riskLookAlikes: SoftmaxModel | null;
  /** How the answer models read a message. */
  features: FeatureOptions;
  /** How the risk and look-alike models read a message (trained together, so the same). */
  riskFeatures: FeatureOptions;
}

export interface Tuning {
  ranker: RankerOptions;
  decision: DecisionOptions;
  risk: RiskOptions;
  lexical: LexicalOptions;
}

export const DEFAULT_TUNING: Tuning = {
  ranker: DEFAULT_RANKER_OPTIONS,
  decision: DEFAULT_DECISION_OPTIONS,
  risk: DEFAULT_RISK_OPTIONS,
  lexical: DEFAULT_LEXICAL_OPTIONS,
};

export interface EngineOptions extends SafetyOptions {
  corpus?: Corpus;
  corpusDir?: string;
  models?: Models;
  modelsDir?: string;
  chatRules?: ChatRules;
  tuning?: Partial<Tuning>;
}

/** Per call: a server's own crisis text replaces the default. */
export interface AnswerOptions {
  crisisText?: string | undefined;
}

export interface SectionChoice {
  name: string;
  value: string;
}

export class AnswerEngine {
  readonly safety: SafetyTexts;
  readonly sections: SectionEntry[];
  /** "one article" or "these documents": how replies name where their quotes come from. */
  readonly sourceName: string;
  private readonly passages: Passage[];
  private readonly byId = new Map<string, Passage>();
  private readonly ordinal = new Map<string, number>();
  private readonly ranker: Ranker;
  private readonly risk: RiskDetector;
  private readonly safetySummaryQuotes: Quote[];
  private readonly tuning: Tuning;
  private readonly terms: SearchTerms;

  constructor(
    private readonly corpus: Corpus,
    models: Models,
    private readonly chat: ChatRules,
    options: SafetyOptions & { tuning?: Partial<Tuning> } = {},
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.sourceName = corpus.documents.length === 1 ? 'one article' : 'these documents';
    this.safety = safetyTexts(options, this.sourceName, corpus.presentation.caution);
    this.terms = new SearchTerms(corpus.presentation.searchStopWords);
    this.passages = corpus.passages;
    this.passages.forEach((passage, i) => {
      this.byId.set(passage.id, passage);
      this.ordinal.set(passage.id, i);
    });
    const lexical = new LexicalIndex(this.passages, this.terms, this.tuning.lexical);
    this.ranker = new Ranker(this.passages, lexical, models.ranker, models.coverage, models.features, this.tuning.ranker);
    this.risk = new RiskDetector(
      models.risk,
      loadCrisisPhrases(),
      loadRiskCues(),
      models.riskFeatures,
      this.tuning.risk,
      models.riskCues,
      models.riskLookAlikes,
    );
    this.sections = buildSections(this.passages);
    this.safetySummaryQuotes = this.resolveSafetySummary();
  }

  /** Answers a message; with the previous exchange's context, follow-ups continue it. */
  answer(rawQuestion: string, context?: ConversationContext, options: AnswerOptions = {}): Reply {
    const question = rawQuestion.trim().slice(0, MAX_QUESTION_LENGTH);
    const intent = this.chat.intent(question);
    const risk = intent === 'question' ? this.risk.assess(question) : this.risk.assessChat(question);
    const crisisText = options.crisisText?.trim() || this.safety.crisisText;
    const trace = (decidedBy: string, ranking?: Ranking, rankedQuestion = ''): Trace => ({
      intent,
      risk,
      decidedBy,
      candidates: ranking?.candidates.slice(0, 5) ?? [],
      notCovered: ranking?.notCovered ?? 0,
      topic: ranking?.topic ?? null,
      partial: ranking?.partial ?? 0,
      chat: ranking?.chat ?? null,
      rankedQuestion,
    });

    if (risk.level !== 'crisis') {
      if (intent === 'help' || intent === 'thanks')
        return this.withRisk(this.help(question), risk, trace(`chat phrase (${intent})`), context);
      if (intent === 'more')
        return this.withRisk(context ? this.more(context, question) : this.help(question), risk, trace('chat phrase (more)'), context);
    }

    // What it asks: in a story that ends in a question, the question; a short follow-up leans on the one before.
    const asked = askedPart(question);
    let rankedQuestion = asked;
    let ranking = this.ranker.rank(asked);
    let decision = decide(ranking, this.ranker, this.tuning.decision);
    let followUp = false;
    if (context && !context.notCovered && this.isFollowUp(asked, decision, ranking)) {
      const combined = `${context.question} ${asked}`.slice(-MAX_QUESTION_LENGTH);
      const combinedRanking = this.ranker.rank(combined);
      const combinedDecision = decide(combinedRanking, this.ranker, this.tuning.decision);
      if (combinedDecision.kind === 'answer') {
        rankedQuestion = combined;
        ranking = combinedRanking;
        decision = combinedDecision;
        followUp = true;
      }
    }
    const topicQuestion = followUp ? rankedQuestion : question;

    if (risk.level === 'crisis') {
      // Urgent guidance first; at most a passage that helps right now, never "not covered".
      const helpful =
        decision.kind === 'answer' ? decision.ids.filter((id) => this.corpus.presentation.crisisPassages.includes(id)).slice(0, 1) : [];
      return this.reply({
        kind: 'crisis',
        question,
        lead: [crisisText],
        passages: helpful.map((id) => this.quote(id, asked, 0)),
        context: { question: topicQuestion, shownIds: helpful, crisis: true },
        risk: risk.level,
        trace: trace(`risk ${risk.decidedBy}`, ranking, rankedQuestion),
      });
    }

    if (decision.kind === 'chat')
      return this.withRisk(this.help(question), risk, trace(decision.decidedBy, ranking, rankedQuestion), context);
    const lead = this.leadFor(risk, context);
    if (decision.kind === 'no_match') {
      return this.noMatch(question, decision, ranking, lead, risk, trace(decision.decidedBy, ranking, rankedQuestion), context);
    }
    const quotes = decision.ids.map((id) => this.quote(id, rankedQuestion, ranking.candidates.find((c) => c.id === id)?.score ?? 0));
    const partialLead =
      decision.coverage === 'partial' ? [`The ${this.documentWord()} does not go into that; the closest it says is:`] : [];
    return this.reply({
      kind: 'answer',
      question,
      lead: [...lead, ...partialLead],
      passages: quotes,
      context: { question: topicQuestion, shownIds: decision.ids, ...(context?.crisis ? { crisis: true } : {}) },
      alternativeIds: decision.alternatives,
      coverage: decision.coverage,
      risk: risk.level,
      trace: trace(followUp ? `${decision.decidedBy}, combined with the previous question` : decision.decidedBy, ranking, rankedQuestion),
    });
  }

  /** "Tell me more": the rest of the section last shown, then the passages after it. */
  more(context: ConversationContext, question = 'tell me more'): Reply {
    const lead = context.crisis ? [CRISIS_REMINDER] : [];
    if (context.notCovered) {
      return this.reply({
        kind: 'answer',
        question,
        lead: [...lead, `The ${this.documentWord()} has nothing more on that topic. Ask another question, or use /sections to browse it.`],
        context,
      });
    }
    const shown = new Set(context.shownIds);
    const last = context.shownIds[context.shownIds.length - 1];
    const lastPassage = last === undefined ? undefined : this.byId.get(last);
    const start = last === undefined ? 0 : (this.ordinal.get(last) ?? -1) + 1;
    const sameSection = this.passages.filter(
      (passage) =>
        !shown.has(passage.id) &&
        lastPassage !== undefined &&
        passage.section === lastPassage.section &&
        passage.documentId === lastPassage.documentId,
    );
    const following = this.passages.slice(start).filter((passage) => !shown.has(passage.id));
    const next = (sameSection.length > 0 ? sameSection : following).slice(0, 2);
    if (next.length === 0) {
      return this.reply({
        kind: 'answer',
        question,
        lead: [...lead, `That was the last of the ${this.documentWord()} on this. Ask another question, or use /sections to browse it.`],
        context,
      });
    }
    // Say what it continues, or that it moves on.
    const first = next[0]!;
    const continues = lastPassage && first.section === lastPassage.section && first.documentId === lastPassage.documentId;
    const where = continues
      ? `More from ${lastPassage.section}:`
      : `Nothing more in ${lastPassage?.section ?? 'that section'}; the ${this.documentWord()} goes on with ${first.section}:`;
    return this.reply({
      kind: 'answer',
      question,
      lead: [...lead, where],
      passages: next.map((passage) => this.quote(passage.id, '', 0)),
      context: { ...context, shownIds: [...context.shownIds, ...next.map((p) => p.id)] },
    });
  }

  /** Shows given passages whole, e.g. for an "other passages" button. Unknown ids are skipped. */
  showPassages(ids: string[], question = ''): Reply {
    const known = ids.filter((id) => this.byId.has(id));
    if (known.length === 0) return this.notice(`Those passages are no longer in the ${this.documentWord()}. Ask your question again.`);
    return this.reply({
      kind: 'answer',
      question,
      passages: known.map((id) => this.quote(id, '', 0)),
      context: { question, shownIds: known },
    });
  }

  help(question = ''): Reply {
    const { subject, helpExamples } = this.corpus.presentation;
    const from = this.corpus.documents.length === 1 ? `the article “${this.corpus.documents[0]!.title}”` : 'these documents';
    const lead = [
      `I answer questions about ${subject}, strictly from ${from}, quoting it word for word with its section titles. When it does not cover something, I say so.`,
    ];
    if (helpExamples.length > 0) lead.push(`Try: ${helpExamples.map((example) => `"${example}"`).join(', ')}`);
    lead.push(
      'Commands: /ask a question, /section to read a section, /sections for the contents, /safety for the safety summary. You can also mention me, or reply to my answer with "tell me more".',
    );
    return this.reply({ kind: 'help', question, lead, risk: 'none' });
  }

  /** A section or subsection, whole and verbatim, found by (fuzzy) title or key. */
  section(name: string): Reply {
    const [best, ...rest] = rankSections(name, this.sections, this.terms);
    if (!best || best.similarity < 0.75) {
      const near = (best ? [best, ...rest] : []).slice(0, 3).map((r) => r.entry.label);
      return this.reply({
        kind: 'notice',
        question: name,
        // The name is echoed back, so it must not carry a mention even where pings are off.
        lead: [`No section is called "${neutralize(name)}".`],
        after: near.length > 0 ? [`Closest: ${near.join('; ')}. Use /sections for the full list.`] : ['Use /sections for the full list.'],
      });
    }
    return this.reply({
      kind: 'section',
      question: name,
      passages: best.entry.passageIds.map((id) => this.quote(id, '', 0)),
      context: { question: best.entry.label, shownIds: best.entry.passageIds },
    });
  }

  /** Section names for a partly typed one, best first: fuzzy, all of them for an empty box. `value` is the section's key. */
  sectionChoices(partial: string): SectionChoice[] {
    const ranked = rankSections(partial, this.sections, this.terms);
    const matching = partial.trim() === '' ? ranked : ranked.filter((r) => r.similarity >= 0.6);
    return matching.map(({ entry }) => ({ name: entry.label, value: entry.key }));
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
    return this.reply({
      kind: 'contents',
      question: '',
      lead: [`Contents of ${this.corpus.documents.length === 1 ? 'the article' : 'these documents'}:`, lines.join('\n')],
      after: ['Read one with /section.'],
    });
  }

  /** Key sentences from the safety-relevant sections, verbatim, each with its section title. */
  safetySummary(): Reply {
    return this.reply({
      kind: 'safety',
      question: '',
      lead: [`Safety summary, in the ${this.documentWord()}’s own words:`],
      passages: this.safetySummaryQuotes,
    });
  }

  /** A message that is not an answer (cooldowns, errors, permissions); it still carries the note. */
  notice(text: string): Reply {
    return this.reply({ kind: 'notice', question: '', lead: [text] });
  }

  /** How much danger a message shows, on its own (the first stage of {@link answer}). */
  assessRisk(message: string): RiskAssessment {
    return this.risk.assess(message.trim().slice(0, MAX_QUESTION_LENGTH));
  }

  passageIds(): string[] {
    return this.passages.map((p) => p.id);
  }

  passage(id: string): Passage | undefined {
    return this.byId.get(id);
  }

  /** The phrase a not-covered topic is named by ("doses and amounts"). */
  topicName(key: string): string | undefined {
    return this.corpus.topics.get(key);
  }

  private documentWord(): string {
    return this.corpus.documents.length === 1 ? 'article' : 'documents';
  }

  private reply(fields: ReplyFields): Reply {
    return makeReply(fields, this.safety.safetyNote);
  }

  /** A short follow-up ("and with antidepressants?") or one the ranking cannot place on its own. */
  private isFollowUp(asked: string, decision: Decision, ranking: Ranking): boolean {
    if (this.terms.of(asked).length > this.tuning.decision.shortFollowUp) return false;
    const ownTopic =
      ranking.topic && ranking.topic.key !== 'unrelated' && ranking.topic.probability >= this.tuning.decision.followUpOwnTopic;
    if (decision.kind === 'no_match' && ownTopic) return false;
    return this.chat.continues(asked) || decision.kind === 'no_match';
  }

  /** Said before everything else: the urgent line in a conversation that had a crisis, or a support line on distress. */
  private leadFor(risk: RiskAssessment, context?: ConversationContext): string[] {
    if (context?.crisis) return [CRISIS_REMINDER];
    return risk.level === 'concern' ? [SUPPORT_LINE] : [];
  }

  private withRisk(reply: Reply, risk: RiskAssessment, trace: Trace, context?: ConversationContext): Reply {
    const lead = [...this.leadFor(risk, context), ...reply.lead];
    return { ...reply, lead, risk: risk.level, trace };
  }

  private noMatch(
    question: string,
    decision: Extract<Decision, { kind: 'no_match' }>,
    ranking: Ranking,
    lead: string[],
    risk: RiskAssessment,
    trace: Trace,
    context?: ConversationContext,
  ): Reply {
    const nearest = [...new Set(ranking.candidates.slice(0, 6).map((c) => quoteHeading(this.byId.get(c.id)!)))]
      .filter((heading) => !this.corpus.documents.some((document) => document.title === heading))
      .slice(0, 3);
    const look =
      nearest.length > 0
        ? nearest
        : this.sections
            .filter((s) => !s.subsection && s.section !== s.documentTitle)
            .slice(0, 3)
            .map((s) => s.label);
    const topicName = decision.topic ? this.topicName(decision.topic) : undefined;
    const unrelated = decision.topic === 'unrelated';
    const what = topicName && !unrelated ? topicName : 'that';
    // Sections "nearest" to a question about the weather are noise: say what the bot is for instead.
    const { subject, helpExamples } = this.corpus.presentation;
    const pointer = unrelated
      ? `I only answer questions about ${subject}${helpExamples[0] ? `, such as "${helpExamples[0]}"` : ''}.`
      : `Nearest sections to look at: ${look.join('; ')}.`;
    return this.reply({
      kind: 'no_match',
      question,
      lead: [...lead, `The ${this.documentWord()} does not cover ${what}, so I can’t answer it from the ${this.documentWord()}.`],
      after: [pointer, 'No answer here is not a sign that something is safe.'],
      context: { question, shownIds: [], notCovered: true, ...(context?.crisis ? { crisis: true } : {}) },
      ...(decision.topic ? { topic: decision.topic } : {}),
      risk: risk.level,
      trace,
    });
  }

  private quote(id: string, question: string, score: number): Quote {
    const passage = this.byId.get(id)!;
    return {
      id: passage.id,
      section: passage.section,
      subsection: passage.subsection,
      text: this.excerpt(passage.text, question),
      score: Math.round(score * 1000) / 1000,
    };
  }

  /** A long passage cut to the sentences that share the most with the question; short ones whole. */
  private excerpt(text: string, question: string): string {
    const sentences = splitSentences(text);
    const max = this.tuning.decision.maxSentences;
    const terms = new Set(this.terms.of(question));
    if (sentences.length <= max || terms.size === 0) return text;
    const keep = sentences
      .map((sentence, index) => ({ index, hits: this.terms.of(sentence).filter((term) => terms.has(term)).length }))
      .sort((a, b) => b.hits - a.hits || a.index - b.index)
      .slice(0, max)
      .map((s) => s.index);
    return joinExcerpt(sentences, keep);
  }

  private resolveSafetySummary(): Quote[] {
    const quotes: Quote[] = [];
    for (const { passage: passageId, startsWith } of this.corpus.presentation.safetySummary) {
      const passage = this.byId.get(passageId);
      if (!passage) throw new Error(`corpus/presentation.json: the safety summary names "${passageId}", which is not a passage`);
      const sentence = splitSentences(passage.text).find((s) => s.startsWith(startsWith));
      if (!sentence) throw new Error(`corpus/presentation.json: no sentence starting "${startsWith}" in ${passageId}`);
      quotes.push({ id: passage.id, section: passage.section, subsection: passage.subsection, text: sentence, score: 0 });
    }
    return quotes;
  }
}

/**
 * What a message asks: its sentences with a question mark when it also tells a story, so a long
 * preamble cannot drown the question; the whole message otherwise.
 */
export function askedPart(message: string): string {
  const sentences = message
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const asking = sentences.filter((sentence) => sentence.includes('?'));
  if (sentences.length < 3 || asking.length === 0 || asking.length === sentences.length) return message;
  // Keep the sentence before the first question too: it often names what "it" is.
  const first = sentences.findIndex((sentence) => sentence.includes('?'));
  return sentences.slice(Math.max(0, first - 1)).join(' ');
}

/** Reads the trained models from `models/`; a missing file leaves that model out. */
export function loadModels(directory: string = DEFAULT_MODELS_DIR): Models {
  const answer = readSavedModel(`${directory}/answer-ranker.json`);
  const coverage = readSavedModel(`${directory}/answer-coverage.json`);
  const risk = readSavedModel(`${directory}/risk.json`);
  const lookAlikes = readSavedModel(`${directory}/risk-lookalikes.json`);
  return {
    ranker: answer && modelFrom(answer),
    coverage: coverage && modelFrom(coverage),
    risk: risk && modelFrom(risk),
    riskCues: risk?.cues ?? [],
    riskLookAlikes: lookAlikes && modelFrom(lookAlikes),
    features: answer?.features ?? DEFAULT_FEATURE_OPTIONS,
    riskFeatures: risk?.features ?? DEFAULT_FEATURE_OPTIONS,
  };
}

let cachedModels: { directory: string; models: Models } | undefined;

export function createEngine(options: EngineOptions = {}): AnswerEngine {
  const corpus = options.corpus ?? loadCorpus(options.corpusDir);
  const directory = options.modelsDir ?? DEFAULT_MODELS_DIR;
  // Reading and decoding the models takes a moment: done once per process and folder.
  if (!options.models && cachedModels?.directory !== directory) cachedModels = { directory, models: loadModels(directory) };
  const models = options.models ?? cachedModels!.models;
  return new AnswerEngine(corpus, models, options.chatRules ?? loadChatRules(), options);
}
