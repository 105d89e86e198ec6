/**
 * The layers the README draws, lowest first: a module may import its own layer and the ones below,
 * never one above. `npm run lint` (part of `npm test`) fails on an import that runs up the layers.
 *
 *   base        domain/, errors, log, config        what everything shares
 *   ingest      ingest/                              files → cleaned, sectioned chunks
 *   commitments commitments/                         quantities found at ingest time (may use the tokenizer)
 *   search      search/                              tokenizer, BM25, vectors, the index on disk
 *   retrieve    retrieve/                            reading a question, scoping, hybrid retrieval, backends
 *   answer      answer/                              composing and checking answers
 *   state       conversation/, feedback/, shared/, pg/   stores and the PostgreSQL/Redis backends
 *   eval        eval/                                metrics and the BM25 baseline
 *   core        app.ts, runtime.ts                   composition roots
 *   channels    channels/                            CLI, Telegram, WeChat, console
 *   top         main.ts, bench/
 */
const layers = [
  ["base", "^src/(domain/|errors\\.ts|log\\.ts|config\\.ts)"],
  ["ingest", "^src/ingest/"],
  ["commitments", "^src/commitments/"],
  ["search", "^src/search/"],
  ["retrieve", "^src/retrieve/"],
  ["answer", "^src/answer/"],
  ["state", "^src/(conversation|feedback|shared|pg)/"],
  ["eval", "^src/eval/"],
  ["core", "^src/(app|runtime)\\.ts"],
  ["channels", "^src/channels/"],
  ["top", "^src/(main\\.ts|bench/)"],
];

const forbidden = layers.flatMap(([name, path], i) => {
  const above = layers.slice(i + 1).map(([, p]) => `(${p})`);
  if (!above.length) return [];
  return [
    {
      name: `no-${name}-upwards`,
      comment: `${name} may not import a layer above it (${layers.slice(i + 1).map(([n]) => n).join(", ")})`,
      severity: "error",
      from: { path },
      to: {
        path: above.join("|"),
        // the commitments table is built at ingest time with the search layer's tokenizer
        ...(name === "commitments" ? { pathNot: "^src/search/tokenize\\.ts$" } : {}),
      },
    },
  ];
});

module.exports = {
  forbidden: [
    ...forbidden,
    { name: "no-circular", severity: "error", comment: "modules that import each other", from: { path: "^src/" }, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "(^dist/|node_modules|\\.json$)" },
  },
};
