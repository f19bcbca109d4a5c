/** How a reply was decided: what the message was, its risk, the candidates and their scores, the decision. */
import type { ChatIntent } from './chat-rules.js';
import type { Candidate } from './ranker.js';
import type { RiskAssessment } from './risk.js';

export interface Trace {
  intent: ChatIntent;
  risk: RiskAssessment;
  /** Which rule or model decided, in a few words. */
  decidedBy: string;
  /** The best candidates, with the model's probability, the lexical share and the combined score. */
  candidates: Candidate[];
  notCovered: number;
  topic: { key: string; probability: number } | null;
  partial: number;
  /** The model's most likely kind of chat (greeting or thanks) and its probability. */
  chat: { intent: string; probability: number } | null;
  /** The question the ranking was made for (a short follow-up is combined with the previous one). */
  rankedQuestion: string;
}

/** Plain text for `npm run ask -- --explain`. */
export function explainTrace(trace: Trace): string {
  const pct = (p: number): string => `${(p * 100).toFixed(1)}%`;
  const risk = trace.risk;
  const lines = [
    `intent: ${trace.intent}`,
    `risk: ${risk.level} (decided by ${risk.decidedBy}${risk.phrase ? ` "${risk.phrase}"` : ''}${risk.cue ? `, cue "${risk.cue}"` : ''}; ` +
      `model crisis ${pct(risk.probabilities.crisis)}, concern ${pct(risk.probabilities.concern)}${risk.lookAlike === undefined ? '' : `; look-alike model crisis ${pct(risk.lookAlike)}`})`,
    `decided by: ${trace.decidedBy}`,
  ];
  if (trace.rankedQuestion) {
    lines.push(`ranked: "${trace.rankedQuestion}"`);
    lines.push(
      `not covered: ${pct(trace.notCovered)}${trace.topic ? ` (topic ${trace.topic.key} ${pct(trace.topic.probability)})` : ''}; partial: ${pct(trace.partial)}` +
        (trace.chat ? `; chat: ${trace.chat.intent} ${pct(trace.chat.probability)}` : ''),
    );
    lines.push('candidates (model + lexical = score):');
    for (const c of trace.candidates) {
      lines.push(
        `  ${c.score.toFixed(3)}  model ${pct(c.model).padStart(6)}  lexical ${c.lexical.toFixed(2)} (${pct(c.matched)} of terms)  ${c.id}`,
      );
    }
  }
  return lines.join('\n');
}
