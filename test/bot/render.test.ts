/** The renderer: the one place a Reply becomes Discord messages. */
import { describe, expect, it } from 'vitest';
import { LIMITS, renderReply, renderReplyAsText } from '../../src/discord/render.js';
import { splitText } from '../../src/discord/split-text.js';
import { makeReply, type Quote } from '../../src/engine/reply.js';
import { QuoteLabels } from '../../src/present/quote-labels.js';
import { carriesNote, embedCharacters } from './harness.js';

const NOTE = '⚠️ Safety note: test note that must appear unchanged in every message.';

function quote(i: number, text: string): Quote {
  return { id: `doc/s/p${i}`, section: 'Section', subsection: i % 2 ? 'Sub' : null, text, score: 0 };
}

const longReply = makeReply(
  {
    kind: 'section',
    question: '',
    lead: ['Lead.'],
    passages: Array.from({ length: 14 }, (_, i) => quote(i, `Sentence ${i}. `.repeat(150 + i * 40).trim())),
    after: ['After.'],
  },
  NOTE,
);

describe('renderReply', () => {
  it('puts the note, unchanged, in every message of a reply split over several', () => {
    const messages = renderReply(longReply);
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) expect(carriesNote(message, NOTE)).toBe(true);
  });

  it('keeps every message within Discord’s embed limits', () => {
    for (const message of renderReply(longReply)) {
      expect(message.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
      expect(embedCharacters(message.embeds)).toBeLessThanOrEqual(LIMITS.embedCharacters);
      for (const embed of message.embeds) {
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
        expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
      }
    }
  });

  it('quotes as a block quote under the subsection, with its section as the small line above', () => {
    const [message] = renderReply(makeReply({ kind: 'answer', question: 'q', passages: [quote(1, 'Text.')] }, NOTE));
    expect(message?.embeds[0]).toMatchObject({ author: { name: 'Section' }, title: 'Sub' });
    expect(message?.embeds[0]?.description?.startsWith('> Text.')).toBe(true);
  });

  it('ends the last embed with the note as small text, not as a block of its own', () => {
    const [message] = renderReply(makeReply({ kind: 'answer', question: 'q', passages: [quote(1, 'Text.')] }, 'Line one.\n🆘 Line two.'));
    expect(message?.embeds).toHaveLength(1);
    expect(message?.embeds[0]?.description).toBe('> Text.\n\n-# Line one.\n-# 🆘 Line two.');
  });

  it('names the document over each quote when several documents are loaded, and the introduction as /sections does', () => {
    const labels = new QuoteLabels(
      new Map([
        ['rules', 'Server Rules'],
        ['faq', 'FAQ'],
      ]),
    );
    const quotes: Quote[] = [
      { id: 'rules/server-rules/p1', section: 'Server Rules', subsection: null, text: 'Be kind.', score: 0 },
      { id: 'faq/dosing/safety/p1', section: 'Dosing', subsection: 'Safety', text: 'Ask a doctor.', score: 0 },
    ];
    const [message] = renderReply(makeReply({ kind: 'answer', question: 'q', passages: quotes }, NOTE), [], labels);
    expect(message?.embeds.map((embed) => [embed.author?.name, embed.title])).toEqual([
      ['Server Rules', 'Introduction'],
      ['FAQ › Dosing', 'Safety'],
    ]);
  });

  it('gives a notice with no quotes a message with the note', () => {
    const messages = renderReply(makeReply({ kind: 'notice', question: '', lead: ['Wait a moment.'] }, NOTE));
    expect(messages).toHaveLength(1);
    expect(carriesNote(messages[0]!, NOTE)).toBe(true);
  });

  it('puts the buttons on the last message only', () => {
    const row = { type: 1, components: [] } as never;
    const messages = renderReply(longReply, [row]);
    expect(messages.map((message) => message.components.length)).toEqual([...messages.slice(1).map(() => 0), 1]);
  });
});

describe('renderReplyAsText', () => {
  it('ends every message with the note, each within 2,000 characters', () => {
    const messages = renderReplyAsText(longReply);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.content!.endsWith(`-# ${NOTE}`)).toBe(true);
      expect(message.content!.length).toBeLessThanOrEqual(LIMITS.content);
    }
  });
});

describe('splitText', () => {
  it('cuts at sentence ends and loses nothing but the spaces it cuts at', () => {
    const text = 'One sentence here. '.repeat(400).trim();
    const pieces = splitText(text, 1000);
    expect(pieces.every((piece) => piece.length <= 1000 && piece.endsWith('.'))).toBe(true);
    expect(pieces.join(' ')).toBe(text);
  });

  it('cuts a word longer than the limit where it must', () => {
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});
