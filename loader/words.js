// Words, as src/i18n reads them: shared by the loader and the thread painter.

/** "de-AT" → "de". */
export function primary(tag) {
  return String(tag || "").trim().split(/[-_]/)[0].toLowerCase();
}

/** `table` with the site's replacements from `data-strings` (JSON) for the words it has. */
export function withStrings(table, strings) {
  const out = Object.assign({}, table);
  try {
    const over = JSON.parse(strings || "{}");
    // (A plural form the table leaves to "other" may be the site's own.)
    for (const key in over) if (typeof over[key] === "string" && (key in out || /^(count|new)_[a-z]+$/.test(key))) out[key] = over[key];
  } catch (e) {
    /* the wasm names a broken data-strings in the console */
  }
  return out;
}

/** Intl's plural category of `n` in `lang` ("one", "few", …). */
export function plural(lang, n) {
  try {
    return new Intl.PluralRules(lang).select(n);
  } catch (e) {
    return "other";
  }
}

/** A word with its {name} and {n} filled. */
export function say(word, name, n) {
  return String(word || "").replace("{name}", name).replace("{n}", n);
}

/** "No comments", "1 comment", "26 comments" in `words`' language. */
export function countWords(words, n) {
  return n ? say(words["count_" + plural(words.lang, n)] || words.count_other, "", n) : words.count_none;
}

const formats = {};
/** The reader's long date and time in `lang` ("November 22, 2026 at 9:00
 * AM"), as src/edge/page.rs long_date: one formatter per language. The
 * first formatter a page makes loads Intl's data (about 25 ms of CPU, 100
 * at a phone's speed): warmDates makes it in idle tasks of its own, while
 * the thread's first page is on its way. */
export function dateFormat(lang) {
  try {
    return (formats[lang] = formats[lang] || new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" }));
  } catch (e) {
    return null;
  }
}
export function warmDates(lang) {
  // In three idle tasks (about 35, 70 and 20 ms at a phone's speed, where
  // the formatter alone is one of 100 to 150): what a formatter needs of
  // the language, then of its numbers, then the formatter.
  const steps = [() => new Intl.Locale(lang).maximize(), () => new Intl.NumberFormat(lang), () => dateFormat(lang)];
  const next = () => {
    try {
      steps.shift()();
    } catch (e) {
      /* an older Intl: the next step */
    }
    if (steps.length) (window.requestIdleCallback || setTimeout)(next);
  };
  (window.requestIdleCallback || setTimeout)(next);
}
