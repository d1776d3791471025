/**
 * Single word lists of the zxcvbn-ts language packages, imported one by one so the Worker
 * bundle holds only the lists it uses (the packages' index files pull in every list).
 */
declare module "@zxcvbn-ts/language-common/dist/passwords.json.mjs" {
  const words: string[];
  export default words;
}
declare module "@zxcvbn-ts/language-common/dist/diceware.json.mjs" {
  const words: string[];
  export default words;
}
declare module "@zxcvbn-ts/language-common/dist/adjacencyGraphs.json.mjs" {
  import type { OptionsGraph } from "@zxcvbn-ts/core";
  const graphs: OptionsGraph;
  export default graphs;
}
declare module "@zxcvbn-ts/language-en/dist/firstnames.json.mjs" {
  const words: string[];
  export default words;
}
declare module "@zxcvbn-ts/language-nl-be/dist/commonWords.json.esm.js" {
  const words: string;
  export default words;
}
declare module "@zxcvbn-ts/language-nl-be/dist/wikipedia.json.esm.js" {
  const words: string;
  export default words;
}
declare module "@zxcvbn-ts/language-nl-be/dist/boysFirstnames.json.esm.js" {
  const words: string;
  export default words;
}
declare module "@zxcvbn-ts/language-nl-be/dist/girlsFirstnames.json.esm.js" {
  const words: string;
  export default words;
}
declare module "@zxcvbn-ts/language-nl-be/dist/lastnames.json.esm.js" {
  const words: string;
  export default words;
}
