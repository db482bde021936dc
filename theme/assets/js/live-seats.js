// Live seats: the registration block of a session page (and the form's choices) show the count of the
// moment, from the registration API. Without JavaScript, or if the API does not answer, the state written
// when the site was built stays.
(() => {
  const blocks = [...document.querySelectorAll('.wc-registration[data-session]')];
  const choices = [...document.querySelectorAll('.wc-registration-form .wc-choice input[type="checkbox"]')];
  const source = [...blocks, ...choices.map((input) => input.form)].map((element) => element.dataset.seatsSource).find(Boolean);
  if (!source) {
    return;
  }

  const plural = new Intl.PluralRules(document.documentElement.lang);
  // The words are the page's: data-seats-* on the block, or on the form for its choices. After the offer
  // cutoff a freed seat is no longer offered to the waiting list: it waits for whoever comes, and the count
  // says so (data-at-the-door-*), so that people know it is worth coming.
  const describe = (s, words) => {
    if (s.atTheDoor && s.remaining > 0 && s.state !== 'closed') {
      const template = plural.select(s.remaining) === 'one' ? words.dataset.atTheDoorOne : words.dataset.atTheDoorOther;
      if (template) {
        return template.replace('{0}', s.remaining);
      }
    }

    const template = wordFor(words, 'seats', s.state);
    return template ? fill(template, s.remaining, s.capacity, s.waitlisted) : null;
  };

  // The visitor's own registration must show at once: ask past the browser's 5-second cache.
  fetch(source, { headers: { Accept: 'application/json' }, cache: 'no-cache' })
    // An error's body is cancelled, not left unread: an unread body keeps the request (and the page's load) open.
    .then((response) => (response.ok ? response.json() : response.body?.cancel().then(() => Promise.reject(response.status)) ?? Promise.reject(response.status)))
    .then((data) => {
      const byId = new Map(data.sessions.map((s) => [s.id, s]));
      for (const block of blocks) {
        const s = byId.get(block.dataset.session);
        const live = block.querySelector('.wc-live');
        const text = s && describe(s, block);
        if (live && text) {
          live.textContent = text;
          block.dataset.live = s.state;
        }
      }

      for (const input of choices) {
        const s = byId.get(input.value);
        const hint = document.getElementById(`${input.id}-aide`);
        const text = s && describe(s, input.form);
        if (hint && text) {
          let live = hint.querySelector('.wc-live');
          if (!live) {
            live = document.createElement('span');
            live.className = 'wc-live';
            hint.append(live);
          }

          live.textContent = ` · ${text}`;
          if (s.state === 'closed' || s.state === 'full') {
            input.disabled = !input.checked;
          }
        }
      }
    })
    .catch(() => { /* the static state stays */ });
})();
