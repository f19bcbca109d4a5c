/* global process, URL -- Node globals: this file is linted as plain JavaScript. */
/**
 * Run as its own process by the bench: builds the engine (or the MiniSearch baseline), answers one
 * question, and prints how long after process start that was, in ms. Plain JavaScript, so that it
 * can run the code both ways the bot starts:
 *   node bench/first-answer.mjs dist engine              compiled, as the Docker image runs it (`npm run build` first)
 *   node --import tsx bench/first-answer.mjs src engine  TypeScript, as `npm start` runs it
 */
const [from, system] = process.argv.slice(2);
if (!['dist', 'src'].includes(from) || !['engine', 'baseline'].includes(system)) {
  throw new Error('usage: first-answer.mjs dist|src engine|baseline');
}
const code = (path) => new URL(`../${from}/${path}`, import.meta.url).href;
const question = 'Is kratom addictive?';
if (system === 'baseline') {
  const { default: MiniSearch } = await import('minisearch');
  const { loadCorpus } = await import(code('corpus/load.js'));
  const search = new MiniSearch({ fields: ['text', 'section', 'subsection'] });
  search.addAll(loadCorpus().passages);
  search.search(question);
} else {
  const { createEngine } = await import(code('engine/engine.js'));
  createEngine().answer(question);
}
process.stdout.write(`${(process.uptime() * 1000).toFixed(1)}\n`);
