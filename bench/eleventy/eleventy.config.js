// The Eleventy side of the build benchmark (see bench/README.md).
//
// bench/run points Eleventy's input at the synthetic content (--input=DIR/common: sessions/, speakers/,
// venues/, `id.md` in French and `id.en.md` in English) and keeps the templates and data here, next to this
// file. As the content folder cannot hold directory data files, what they would say (layout, permalink) is
// global data; the home, programme and speakers pages, which have no content file, are virtual templates
// read from pages/, paginated over the two languages.
import fs from "node:fs";
import path from "node:path";

const here = import.meta.dirname;

/** sessions, speakers or venues: the folder a content file is in. */
function sectionOf(inputPath) {
  return path.basename(path.dirname(inputPath));
}

/** Heading ids as GitHub (and Hugo, and our generator) make them: « Au programme » → au-programme. */
function headingId(text) {
  return text.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, "").trim().replace(/\s+/g, "-");
}

// Dates are shown in Paris time, whatever the machine's zone.
const formats = {};
function format(lang, name, options) {
  const key = lang + name;
  formats[key] ??= new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", { timeZone: "Europe/Paris", ...options });
  return formats[key];
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** « samedi 8 février » / "Saturday 8 February". */
function dayMonth(date, lang) {
  return format(lang, "dayMonth", { weekday: "long", day: "numeric", month: "long" }).format(date);
}

/** « 9 h », « 9 h 30 » (no-break spaces) in French, "09:30" in English. */
function clock(date, lang) {
  const [hour, minute] = format(lang, "clock", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .format(date)
    .split(/\D+/)
    .map(Number);
  if (lang !== "fr") {
    return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  }
  return minute === 0 ? `${hour}\u00a0h` : `${hour}\u00a0h\u00a0${String(minute).padStart(2, "0")}`;
}

/** 2025-02-08T09:00 in Paris time. */
function isoLocal(date) {
  const parts = {};
  for (const { type, value } of format("iso", "parts", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(date)) {
    parts[type] = value;
  }
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export default function (eleventyConfig) {
  // The content folder is generated, outside this project: do not read this repository's .gitignore for it.
  eleventyConfig.setUseGitIgnore(false);

  // What directory data files would say if the content folder had them: a session or venue page uses its
  // layout and gets its address; a speaker has no page of its own (the speakers page lists them all), so
  // neither layout nor permalink. The home, programme and speakers pages (pages/) set `pageType`.
  // The layout is computed data: Eleventy 3 reads `layout` when it renders, after computing (the docs
  // still say it cannot be computed, 11ty/eleventy#2873).
  const layouts = {
    sessions: "layouts/session.njk",
    venues: "layouts/venue.njk",
    speakers: false,
  };
  eleventyConfig.addGlobalData("permalink", () => (data) => {
    const section = sectionOf(data.page.inputPath);
    const paths = data.site[data.lang].paths;
    if (section === "sessions") {
      return `${paths.programme}${data.id}/`;
    }
    if (section === "venues") {
      return `${paths.venues}${data.id}/`;
    }
    return false;
  });
  eleventyConfig.addGlobalData("eleventyComputed.section", () => (data) => data.pageType ?? sectionOf(data.page.inputPath));
  eleventyConfig.addGlobalData("eleventyComputed.layout", () => (data) =>
    data.pageType ? "layouts/base.njk" : layouts[sectionOf(data.page.inputPath)],
  );

  for (const name of ["home", "programme", "speakers"]) {
    eleventyConfig.addTemplate(`${name}.njk`, fs.readFileSync(path.join(here, "pages", `${name}.njk`), "utf8"));
  }

  // The event in each language, indexed once: sessions in programme order (start, then id: rooms in order),
  // grouped by day, by speaker and by venue; speakers by family name; venues by id.
  eleventyConfig.addCollection("event", (collectionApi) => {
    const event = {};
    for (const lang of ["fr", "en"]) {
      event[lang] = { sessions: [], byDay: {}, bySpeaker: {}, byVenue: {}, speakers: {}, speakersSorted: [], venues: {}, venuesSorted: [], kinds: new Set(), audiences: new Set() };
    }
    for (const item of collectionApi.getAll()) {
      const at = event[item.data.lang];
      switch (sectionOf(item.inputPath)) {
        case "sessions":
          at.sessions.push(item);
          break;
        case "speakers":
          at.speakers[item.data.id] = item;
          at.speakersSorted.push(item);
          break;
        case "venues":
          at.venues[item.data.id] = item;
          at.venuesSorted.push(item);
          break;
      }
    }
    const byId = (a, b) => (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0);
    for (const [lang, at] of Object.entries(event)) {
      at.sessions.sort((a, b) => a.data.start - b.data.start || byId(a, b));
      for (const session of at.sessions) {
        const day = isoLocal(session.data.start).slice(0, 10);
        (at.byDay[day] ??= []).push(session);
        (at.byVenue[session.data.venue] ??= []).push(session);
        for (const speaker of session.data.speakers ?? []) {
          (at.bySpeaker[speaker.id] ??= []).push(session);
        }
        at.kinds.add(session.data.kind);
        at.audiences.add(session.data.audience);
      }
      // By family name (what follows the first space); a single name sorts as it is.
      const collator = new Intl.Collator(lang, { sensitivity: "accent" });
      const familyName = (name) => (name.includes(" ") ? name.slice(name.indexOf(" ") + 1) : name);
      at.speakersSorted.sort((a, b) => collator.compare(familyName(a.data.name), familyName(b.data.name)) || byId(a, b));
      at.venuesSorted.sort(byId);
    }
    return event;
  });

  eleventyConfig.addFilter("dayTitle", (date, lang) => capitalise(dayMonth(date, lang)));
  eleventyConfig.addFilter("longDate", (date, lang) => `${dayMonth(date, lang)} ${isoLocal(date).slice(0, 4)}`);
  eleventyConfig.addFilter("weekdayDay", (date, lang) => format(lang, "weekdayDay", { weekday: "long", day: "numeric" }).format(date));
  eleventyConfig.addFilter("clock", clock);
  eleventyConfig.addFilter("timeRange", (start, end, lang) => (lang === "fr" ? `${clock(start, lang)} – ${clock(end, lang)}` : `${clock(start, lang)}–${clock(end, lang)}`));
  eleventyConfig.addFilter("isoLocal", isoLocal);
  eleventyConfig.addFilter("isoDate", (date) => isoLocal(date).slice(0, 10));
  eleventyConfig.addFilter("date", (text) => new Date(text));
  eleventyConfig.addFilter("has", (set, value) => set.has(value));
  /** upcoming, ongoing or past at the moment the site is built for. */
  eleventyConfig.addFilter("timing", (start, end, now) =>
    new Date(now) < start ? "upcoming" : new Date(now) < end ? "ongoing" : "past",
  );

  // The Markdown Eleventy ships with (markdown-it), given what our generator's Markdown does: heading ids,
  // the DSFR table class, rel="noopener" on outside links.
  eleventyConfig.amendLibrary("md", (md) => {
    md.core.ruler.push("heading_ids", (state) => {
      const tokens = state.tokens;
      for (let i = 0; i < tokens.length; i++) {
        if (tokens[i].type === "heading_open") {
          tokens[i].attrSet("id", headingId(tokens[i + 1].content));
        }
      }
    });
    md.renderer.rules.table_open = () => '<table class="fr-table__table">\n';
    const linkOpen = md.renderer.rules.link_open ?? ((tokens, i, options, env, self) => self.renderToken(tokens, i, options));
    md.renderer.rules.link_open = (tokens, i, options, env, self) => {
      if (/^https?:/.test(tokens[i].attrGet("href") ?? "")) {
        tokens[i].attrSet("rel", "noopener");
      }
      return linkOpen(tokens, i, options, env, self);
    };
  });

  const relative = (folder) => path.relative(eleventyConfig.directories.input, path.join(here, folder));
  return {
    // The bodies are plain Markdown: no Liquid pass over them first.
    markdownTemplateEngine: false,
    dir: {
      includes: relative("_includes"),
      data: relative("_data"),
    },
  };
}
