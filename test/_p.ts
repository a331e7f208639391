import fs from 'node:fs';
import { parseYaml } from '../src/source/yaml.ts';
const t=fs.readFileSync('/tmp/exp/big.yaml','utf8');
for (let k=0;k<2;k++){ const s=performance.now(); const p=parseYaml(t); console.log('parseYaml', (performance.now()-s)|0, p.documents.length, process.memoryUsage().rss/1e6|0);}
