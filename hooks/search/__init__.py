"""Search: the prebuilt search indexes the browser queries (docs/assets/js/search.js).

Takes the derived Standards; gives search/meta.json and the sharded full-text index under
search/body/. `tokens` splits text and queries into tokens and pinyin exactly as search.js does;
`index` builds and writes the files. Ranking lives in search.js (`scoreOf`), with its settings
in hooks/data/search.json.
"""
