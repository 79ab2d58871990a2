import { loadLexicons } from './src/main/resources/lexicons.js';
import { compileScanner } from './src/main/checks/content/scanner.js';
import { heldOutHalf, loadSampleLists } from './scripts/lexicon-samples.js';
const b = loadLexicons('/tmp/lex-tune');
const sc = compileScanner(b, { leaders: [], asOf: '2025-01-01' });
const s = loadSampleLists();
const src: Record<string, number> = {};
let n=0;
for (const t of heldOutHalf(s.errorFree)) for (const h of sc.scan(t, {inTitle:false})) { src[h.category]=(src[h.category]??0)+1; if (n++<40) console.log(h.wrong,'->',h.right,'|',h.category); }
console.log(src);
