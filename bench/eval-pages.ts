// `npm run eval:pages`: the content script over the whole detection corpus
// (test/fixtures/corpus), recall and false signals per service × language.
// Exits 1 on any false signal.
//   npm run eval:pages [-- SERVICE…]
import { loadCorpus } from './corpus/corpus.ts';
import { evaluateCorpus } from './corpus/evaluate.ts';
import { formatProblems, formatTable, tabulate } from './corpus/table.ts';

const only = process.argv.slice(2);
const pages = loadCorpus().filter((p) => only.length === 0 || only.includes(p.service));
if (pages.length === 0) {
  console.error('no corpus pages found under test/fixtures/corpus');
  process.exit(2);
}
const results = await evaluateCorpus(pages);
console.log(formatTable(results));
const problems = formatProblems(results);
if (problems.length) console.log(`\n${problems.join('\n')}`);
const { total } = tabulate(results);
console.log(`\n${pages.length} pages: recall ${total.detected}/${total.failures}, false signals ${total.falseSignals}/${total.normals}`);
if (total.falseSignals > 0) process.exitCode = 1;
