// The script's words and addresses are the page's, in data-* attributes written from the theme's model, so
// each is written once, in the page's language. A word is a template: {n} stands for the n-th value, and
// {n|one|other} for the word that agrees with it (one for 0 and 1, other above), so that each language
// agrees its words with its own number.
const fill = (template, ...values) => template.replace(/\{(\d)(?:\|([^|}]*)\|([^}]*))?\}/g,
  (_, n, one, other) => (one === undefined ? String(values[n] ?? '') : Number(values[n]) > 1 ? other : one));

// The word that an element gives for a value of the API: data-reason-not-yet-open for the reason "not-yet-open".
const wordFor = (element, prefix, value) => element.dataset[prefix + String(value).replace(/(?:^|-)([a-z])/g, (_, letter) => letter.toUpperCase())];
