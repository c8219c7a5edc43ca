// Render citation clusters with citeproc-js, for tests/styles/make_golden.py.
// usage: NODE_PATH=... node cite_golden.js STYLE.csl LOCALES_DIR ITEMS.json CLUSTERS.json FORMAT [LANG]
//
// Every item is registered (as uncited, so that each cluster's implicit update keeps the
// others) and each cluster goes through processCitationCluster, the call word processors
// make, on its own (no citations before or after it: every cite is a first cite).
// makeCitationCluster is not used: with collapse or cite-group-delimiter it sorts on keys
// without the author-string key that citeproc-js adds a sort direction for, so a
// descending second key comes out ascending ("Moore, 1965, 1998" in elsevier-harvard).
'use strict';
const fs = require('fs');
const CSL = require('citeproc');
const [stylePath, localeDir, itemsPath, clustersPath, format, lang] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsPath, 'utf8'));
const byId = {};
for (const item of items) byId[String(item.id)] = item;
const sys = {
  retrieveLocale(l) {
    const file = localeDir + '/locales-' + l + '.xml';
    return fs.readFileSync(fs.existsSync(file) ? file : localeDir + '/locales-en-US.xml', 'utf8');
  },
  retrieveItem(id) { return byId[String(id)]; },
};
const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, 'utf8'), lang || undefined);
engine.setOutputFormat(format);
engine.updateUncitedItems(items.map((item) => String(item.id)));
const clusters = JSON.parse(fs.readFileSync(clustersPath, 'utf8'));
const rendered = clusters.map((cites, n) => {
  const citation = { citationID: 'c' + n, citationItems: cites, properties: { noteIndex: 0 } };
  const [, updated] = engine.processCitationCluster(citation, [], []);
  const mine = updated.filter((entry) => entry[2] === citation.citationID);
  return mine.length ? mine[mine.length - 1][1] : '';
});
process.stdout.write(JSON.stringify(rendered, null, 1) + '\n');
