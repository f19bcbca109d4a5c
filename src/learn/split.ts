/**
 * The frozen test part: a message belongs to it by a hash of its normalised text alone, so the
 * split never moves when examples are added, removed or reordered, and no tuning can pick it.
 */
import { createHash } from 'node:crypto';
import { normalizeText } from './features.js';

/** One message in five is held out. */
export const TEST_SHARE = 5;

export function isFrozenTest(text: string): boolean {
  const key = normalizeText(text).replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(key).digest()[0]! % TEST_SHARE === 0;
}

export function splitFrozen<T>(items: T[], text: (item: T) => string): { train: T[]; test: T[] } {
  const train: T[] = [];
  const test: T[] = [];
  for (const item of items) (isFrozenTest(text(item)) ? test : train).push(item);
  return { train, test };
}
