/** The bot's only state: bounded conversation memory and the per-user cooldown. */
import { describe, expect, it } from 'vitest';
import { ConversationMemory } from '../../src/discord/conversation-memory.js';
import { Cooldown, cooldownText } from '../../src/discord/cooldown.js';

const context = (question: string) => ({ question, shownIds: ['a/p1'] });

describe('ConversationMemory', () => {
  it('forgets the least recently used exchange beyond its size', () => {
    const memory = new ConversationMemory({ maxEntries: 2, maxAgeMs: 60_000 });
    memory.set('a', context('A'));
    memory.set('b', context('B'));
    memory.get('a');
    memory.set('c', context('C'));
    expect([memory.get('a')?.question, memory.get('b'), memory.get('c')?.question]).toEqual(['A', undefined, 'C']);
    expect(memory.size).toBe(2);
  });

  it('forgets an exchange older than its age limit', () => {
    let now = 0;
    const memory = new ConversationMemory({ maxEntries: 10, maxAgeMs: 1_000, now: () => now });
    memory.set('a', context('A'));
    now = 1_001;
    expect(memory.get('a')).toBeUndefined();
    expect(memory.size).toBe(0);
  });
});

describe('Cooldown', () => {
  it('lets a user ask again once the wait is over', () => {
    let now = 0;
    const cooldown = new Cooldown(5, () => now);
    expect(cooldown.take('u').ok).toBe(true);
    now = 4_000;
    expect(cooldown.take('u')).toEqual({ ok: false, retryAfterMs: 1_000 });
    now = 5_000;
    expect(cooldown.take('u').ok).toBe(true);
  });

  it('holds each user to their own wait', () => {
    const cooldown = new Cooldown(5, () => 0);
    cooldown.take('u');
    expect(cooldown.take('v').ok).toBe(true);
  });

  it('is off at 0 seconds', () => {
    const cooldown = new Cooldown(0, () => 0);
    expect([cooldown.take('u').ok, cooldown.take('u').ok]).toEqual([true, true]);
  });

  it('words the wait in whole seconds', () => {
    expect(cooldownText(1_200)).toContain('wait 2 seconds');
    expect(cooldownText(300)).toContain('wait 1 second ');
  });
});
