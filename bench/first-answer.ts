/**
 * Run as its own process by the bench: loads the corpus, builds the engine (or the baseline),
 * answers one question, and prints how long after process start that was, in ms.
 */
import MiniSearch from 'minisearch';
import { loadCorpus } from '../src/corpus/load.js';
import { createEngine } from '../src/engine/engine.js';

const system = process.argv[2];
if (system === 'baseline') {
  const search = new MiniSearch({ fields: ['text', 'section', 'subsection'] });
  search.addAll(loadCorpus().passages);
  search.search('Is kratom addictive?');
} else {
  createEngine().answer('Is kratom addictive?');
}
process.stdout.write(`${(process.uptime() * 1000).toFixed(1)}\n`);
