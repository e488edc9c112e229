// Preloaded (NODE_OPTIONS=--require) only into a PostGraphile that benchmarks/peer_benchmark.py
// starts to capture PostGraphile's SQL for its floor; the measured PostGraphile never loads
// it. Appends every statement sent through node-postgres, with its values, as one JSON line
// to the file named by $PEER_SQL_LOG.
"use strict";
const fs = require("fs");
const { Client } = require("pg");

const logFile = process.env.PEER_SQL_LOG;
const query = Client.prototype.query;

Client.prototype.query = function logged(config, values, ...rest) {
  const text = typeof config === "string" ? config : config && config.text;
  const args = Array.isArray(values) ? values : (config && config.values) || [];
  if (logFile && text) {
    fs.appendFileSync(logFile, JSON.stringify({ text, values: args }) + "\n");
  }
  return query.call(this, config, values, ...rest);
};
