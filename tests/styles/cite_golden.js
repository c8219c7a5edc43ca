// Render citation clusters with citeproc-js, for tests/styles/make_golden.py.
// usage: NODE_PATH=... node cite_golden.js STYLE.csl LOCALES_DIR ITEMS.json CLUSTERS.json FORMAT [LANG]
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
engine.updateItems(items.map((item) => String(item.id)));
const clusters = JSON.parse(fs.readFileSync(clustersPath, 'utf8'));
process.stdout.write(JSON.stringify(clusters.map((c) => engine.makeCitationCluster(c)), null, 1) + '\n');
